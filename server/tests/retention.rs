//! Retention: the event says how long records are kept; the server
//! deletes them afterwards, at start and periodically. Real server, real
//! SQLite file in a temporary directory.

mod common;

use baodao_core::event::retention_ends_ms;
use baodao_core::VenueId;
use baodao_server::{db, retention, seed};
use common::{checkin, sync_ok, TestDb};
use std::time::Duration;

const DAY_MS: i64 = 86_400_000;

/// An event that ended on 2020-01-10 and keeps records 10 days, with one
/// venue and `n` check-ins, written straight into the database (such old
/// codes would be refused at sync, rightly).
async fn old_event_with_checkins(pool: &db::Pool, n: usize) -> i64 {
    let event: i64 = sqlx::query_scalar(
        "INSERT INTO events (name, starts_on, ends_on, retention_days, created_ms)
         VALUES ('2020 活动', '2020-01-09', '2020-01-10', 10, 0) RETURNING id",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    let venue: i64 = sqlx::query_scalar(
        "INSERT INTO venues (event_id, name) VALUES ($1, '旧场馆') RETURNING id",
    )
    .bind(event)
    .fetch_one(pool)
    .await
    .unwrap();
    for i in 0..n {
        sqlx::query(
            "INSERT INTO checkins (id, event_id, venue_id, kind, code, device_time_ms, received_ms,
             name, mobile, organisation) VALUES ($1, $2, $3, 'in', 'c', 0, 0, '王芳', '13812345678', '第一中学')",
        )
        .bind(format!("old-{i}"))
        .bind(event)
        .bind(venue)
        .execute(pool)
        .await
        .unwrap();
    }
    event
}

async fn count(pool: &db::Pool, event: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM checkins WHERE event_id = $1")
        .bind(event)
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn the_event_info_carries_its_retention_period_and_organisation_initials(db: TestDb) {
    let s = db.start().await;
    let e = s.event().await;
    assert_eq!(e.retention_days, Some(seed::DEMO_RETENTION_DAYS));
    assert_eq!(e.organisation_initials.len(), e.organisations.len());
    assert!(e.organisations.len() >= 180, "a realistic list to search");
    let i = e
        .organisations
        .iter()
        .position(|o| o == "北京大学")
        .unwrap();
    assert_eq!(e.organisation_initials[i], "bjdx");
    let found = baodao_core::organisation_search::search("bjdx", &e.organisation_choices());
    assert_eq!(e.organisations[found[0]], "北京大学");
}

async fn records_past_the_retention_period_are_purged_and_others_kept(db: TestDb) {
    let s = db.start().await;
    let old = old_event_with_checkins(&s.pool, 3).await;
    sync_ok(&s, vec![checkin(&s, VenueId(1), "张三").await]).await;
    let demo = s.event().await;

    // Now: the 2020 event's period is over, the demo's is not.
    let deleted = retention::purge(&s.pool, common::now_ms()).await.unwrap();
    assert_eq!(deleted, 3);
    assert_eq!(count(&s.pool, old).await, 0);
    assert_eq!(count(&s.pool, 1).await, 1);

    // One millisecond before the demo's period ends: kept; at its end: gone.
    let ends = demo.retention_ends_ms().unwrap();
    assert_eq!(
        ends,
        retention_ends_ms(&demo.ends_on, seed::DEMO_RETENTION_DAYS).unwrap()
    );
    assert!(ends > common::now_ms() + 29 * DAY_MS);
    assert_eq!(retention::purge(&s.pool, ends - 1).await.unwrap(), 0);
    assert_eq!(count(&s.pool, 1).await, 1);
    assert_eq!(retention::purge(&s.pool, ends).await.unwrap(), 1);
    assert_eq!(s.count_rows().await, 0);
    // The roster reads the same file: empty.
    assert!(s.roster(1).await.entries.is_empty());
}

async fn the_periodic_purge_runs_at_start(db: TestDb) {
    let pool = db.open().await;
    let old = old_event_with_checkins(&pool, 2).await;
    assert_eq!(count(&pool, old).await, 2);
    let task = retention::spawn_periodic(pool.clone());
    let mut left = 2;
    for _ in 0..100 {
        left = count(&pool, old).await;
        if left == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    task.abort();
    assert_eq!(left, 0, "purged without waiting for the first hour");
    // Deleted in the file itself: a fresh connection sees no rows.
    pool.close().await;
    let reopened = db.open().await;
    assert_eq!(count(&reopened, old).await, 0);
}

common::backend_tests! {
    the_event_info_carries_its_retention_period_and_organisation_initials,
    records_past_the_retention_period_are_purged_and_others_kept,
    the_periodic_purge_runs_at_start,
}
