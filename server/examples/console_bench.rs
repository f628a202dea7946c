//! Console read benchmarks. Prints figures; asserts nothing.
//!
//! ```sh
//! cargo run --profile server -p baodao-server --example console_bench [-- VOLUNTEERS]
//! ```
//!
//! Seeds the seed event's size (default 6,665 volunteers, each checked in
//! and half of them out again, spread over the demo's venues) through
//! `ingest::apply`, serves it with the real router on loopback, and times
//! each organiser/lead read over HTTP (20 runs each, p50 and max), with
//! `GET /api/events/1` (the widget's cached event data) as the baseline in
//! the same run. The dashboard, roster and exports pair every record in the
//! server's memory (`attendance`); this shows what that costs at full size.

use baodao_core::sync::{SyncBatch, MAX_BATCH_ITEMS};
use baodao_core::{CheckIn, CheckKind, EventId, VenueId, Volunteer};
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let volunteers: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(6_665);
    let dir = tempfile::tempdir()?;
    let pool = baodao_server::db::open(dir.path()).await?;
    baodao_server::seed::demo_if_empty(&pool).await?;
    let venues: Vec<i64> = sqlx::query_scalar("SELECT id FROM venues WHERE event_id = 1")
        .fetch_all(&pool)
        .await?;
    let mut codes = Vec::new();
    {
        let mut conn = pool.acquire().await?;
        for v in &venues {
            codes.push(
                baodao_server::keys::poster_code(&mut conn, EventId(1), VenueId(*v as u32)).await?,
            );
        }
    }
    let now = baodao_server::db::now_ms();
    let mut items = Vec::new();
    for i in 0..volunteers {
        let venue = i % venues.len();
        let volunteer = Volunteer::new(&format!("志愿者{i}"), &format!("138{:08}", i), "第一中学")?;
        let start = now - 4 * 3_600_000 + (i as i64 % 3_600) * 1_000;
        let kinds: &[(CheckKind, i64)] = if i % 2 == 0 {
            &[(CheckKind::In, 0), (CheckKind::Out, 3 * 3_600_000)]
        } else {
            &[(CheckKind::In, 0)]
        };
        for (kind, after) in kinds {
            items.push(CheckIn {
                id: uuid::Uuid::new_v4(),
                event: EventId(1),
                venue: VenueId(venues[venue] as u32),
                kind: *kind,
                code: codes[venue].clone(),
                device_time_ms: start + after,
                volunteer: volunteer.clone(),
            });
        }
    }
    let records = items.len();
    for chunk in items.chunks(MAX_BATCH_ITEMS) {
        baodao_server::ingest::apply(
            &pool,
            &SyncBatch {
                device_time_ms: baodao_server::db::now_ms(),
                items: chunk.to_vec(),
            },
        )
        .await?;
    }
    let organiser = {
        let mut conn = pool.acquire().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO organisers (name, created_ms) VALUES ('bench', 0) RETURNING id",
        )
        .fetch_one(&mut *conn)
        .await?;
        baodao_server::access::organiser_session(&mut conn, id, "bench")
            .await?
            .token
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let app = baodao_server::http::router(baodao_server::http::ApiContext::new(
        pool.clone(),
        base.clone(),
        dir.path().to_path_buf(),
    ));
    tokio::spawn(async move { axum::serve(listener, app).await });
    let client = reqwest::Client::new();
    println!(
        "console_bench: {volunteers} volunteers, {records} records, {} venues",
        venues.len()
    );
    let mut baseline = None;
    for path in [
        "/api/events/1",
        "/api/events/1/dashboard",
        "/api/venues/1/people",
        "/api/venues/1/people?q=1234",
        "/api/venues/1/volunteers?q=13800001234",
        "/api/events/1/feed?after=0",
        "/api/events/1/export.csv",
        "/api/events/1/hours.csv",
    ] {
        let mut times = Vec::new();
        let mut bytes = 0;
        for _ in 0..20 {
            let t = Instant::now();
            let res = client
                .get(format!("{base}{path}"))
                .bearer_auth(&organiser)
                .send()
                .await?;
            anyhow::ensure!(res.status().is_success(), "{path}: {}", res.status());
            bytes = res.bytes().await?.len();
            times.push(t.elapsed());
        }
        times.sort();
        let p50 = times[times.len() / 2];
        let max = *times.last().unwrap_or(&Duration::ZERO);
        let base_p50 = *baseline.get_or_insert(p50);
        println!(
            "  GET {path:<42} p50 {:>8.2} ms  max {:>8.2} ms  {:>6.1}x baseline  {bytes} bytes",
            p50.as_secs_f64() * 1e3,
            max.as_secs_f64() * 1e3,
            p50.as_secs_f64() / base_p50.as_secs_f64()
        );
    }
    Ok(())
}
