//! The demo event the README's run command starts with.

use crate::db::{now_ms, Pool};
use crate::keys;
use baodao_core::event::iso_from_days;
use baodao_core::EventId;

const DEMO_EVENT: &str = "2026 区志愿服务日（演示）";
/// (name, main venue index) — `None` for a main venue.
const DEMO_VENUES: &[(&str, Option<usize>)] = &[
    ("区文化中心", None),
    ("人民公园", None),
    ("滨江社区服务站", None),
    ("区文化中心 · 东门登记处", Some(0)),
    ("人民公园 · 南门", Some(1)),
];
const DEMO_ORGANISATIONS: &[&str] = &[
    "区民政局",
    "区卫生健康委员会",
    "第一中学",
    "实验小学",
    "区人民医院",
    "中医院",
    "滨江街道办事处",
    "红十字会",
    "阳光物业有限公司",
    "其他 / Other",
];

/// The demo runs today and tomorrow in Beijing time (UTC+8, no DST), so
/// that its posters' signed codes are valid whenever the demo is started.
fn demo_dates() -> (String, String) {
    let today = (now_ms() / 1000 + 8 * 3600).div_euclid(86_400);
    (iso_from_days(today), iso_from_days(today + 1))
}

/// Creates the demo event unless an event already exists.
pub async fn demo_if_empty(pool: &Pool) -> anyhow::Result<()> {
    let (events,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM events")
        .fetch_one(pool)
        .await?;
    if events > 0 {
        return Ok(());
    }
    let (starts_on, ends_on) = demo_dates();
    let mut tx = pool.begin().await?;
    let event_id: i64 = sqlx::query_scalar(
        "INSERT INTO events (name, starts_on, ends_on, time_zone, created_ms) VALUES (?, ?, ?, 'Asia/Shanghai', ?) RETURNING id",
    )
    .bind(DEMO_EVENT)
    .bind(&starts_on)
    .bind(&ends_on)
    .bind(now_ms())
    .fetch_one(&mut *tx)
    .await?;
    let mut ids: Vec<i64> = Vec::new();
    for (name, parent) in DEMO_VENUES {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO venues (event_id, parent_id, name) VALUES (?, ?, ?) RETURNING id",
        )
        .bind(event_id)
        .bind(parent.map(|i| ids[i]))
        .bind(name)
        .fetch_one(&mut *tx)
        .await?;
        ids.push(id);
    }
    for name in DEMO_ORGANISATIONS {
        sqlx::query("INSERT INTO organisations (event_id, name) VALUES (?, ?)")
            .bind(event_id)
            .bind(name)
            .execute(&mut *tx)
            .await?;
    }
    // Signing key, short-code secret and the venues' short codes.
    keys::ensure_event_material(&mut tx, EventId(event_id as u32)).await?;
    tx.commit().await?;
    tracing::info!(event_id, venues = ids.len(), "seeded demo event");
    Ok(())
}
