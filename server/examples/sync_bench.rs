//! Sync benchmarks (issue 5). Prints figures; asserts nothing.
//!
//! ```sh
//! cargo run --profile server -p baodao-server --example sync_bench
//! cargo run --profile server -p baodao-server --example sync_bench -- 100000 6665
//! ```
//!
//! Arguments: records for the ingest-rate runs (default 50,000) and devices
//! for the reconnect burst (default 6,665, two records each).
//!
//! 1. Ingest rate, in process: `baodao_server::ingest::apply` on a fresh
//!    SQLite database, full batches (`MAX_BATCH_ITEMS`) one after another.
//! 2. Ingest rate over HTTP: the real server (`baodao_server::run`, its own
//!    runtime) on loopback, full batches, 4 in flight.
//! 3. Reconnect burst: every device posts its 2 records at once (at most 512
//!    requests in flight, the client's limit); a device whose request fails
//!    retries after 100 ms, as a phone would. Prints the time until every
//!    record is acknowledged and the p50/p99/max request latency.
//!
//! Every record carries the demo venue's signed poster code, so the full
//! verification path runs.

use baodao_core::sync::{SyncBatch, SyncResponse, MAX_BATCH_ITEMS};
use baodao_core::{CheckIn, CheckKind, EventId, VenueId, Volunteer};
use clap::Parser;
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Venue {
    event: EventId,
    venue: VenueId,
    code: String,
}

async fn seeded(dir: &std::path::Path) -> anyhow::Result<(baodao_server::db::Pool, Venue)> {
    let pool = baodao_server::db::open(dir).await?;
    baodao_server::seed::demo_if_empty(&pool).await?;
    let (event, venue): (i64, i64) =
        sqlx::query_as("SELECT event_id, id FROM venues ORDER BY id LIMIT 1")
            .fetch_one(&pool)
            .await?;
    let (event, venue) = (EventId(event as u32), VenueId(venue as u32));
    let mut conn = pool.acquire().await?;
    let code = baodao_server::keys::poster_code(&mut conn, event, venue).await?;
    drop(conn);
    Ok((pool, Venue { event, venue, code }))
}

fn records(v: &Venue, n: usize) -> Vec<CheckIn> {
    let now = baodao_server::db::now_ms();
    let volunteer = Volunteer::new("测试", "13800138000", "第一中学").expect("valid volunteer");
    (0..n)
        .map(|i| CheckIn {
            id: uuid::Uuid::new_v4(),
            event: v.event,
            venue: v.venue,
            kind: if i % 2 == 0 {
                CheckKind::In
            } else {
                CheckKind::Out
            },
            code: v.code.clone(),
            device_time_ms: now - (n - i) as i64,
            volunteer: volunteer.clone(),
        })
        .collect()
}

fn batches(items: Vec<CheckIn>, size: usize) -> Vec<SyncBatch> {
    items
        .chunks(size)
        .map(|c| SyncBatch {
            device_time_ms: baodao_server::db::now_ms(),
            items: c.to_vec(),
        })
        .collect()
}

fn stored(responses: &[SyncResponse]) -> usize {
    responses
        .iter()
        .flat_map(|r| &r.results)
        .filter(|r| r.outcome.is_stored())
        .count()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1]
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(50_000);
    let devices: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(6_665);

    // 1. In process.
    let dir = tempfile::tempdir()?;
    let (pool, venue) = seeded(dir.path()).await?;
    let work = batches(records(&venue, n), MAX_BATCH_ITEMS);
    let start = Instant::now();
    let mut responses = Vec::new();
    for b in &work {
        responses.push(baodao_server::ingest::apply(&pool, b).await?);
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "ingest (in process): {n} check-ins in {} batches of {MAX_BATCH_ITEMS}: {secs:.2} s = {:.0} check-ins/s ({} stored)",
        work.len(),
        n as f64 / secs,
        stored(&responses)
    );
    pool.close().await;
    drop(dir);

    // The real server, on loopback, in its own runtime.
    let dir = tempfile::tempdir()?;
    let (pool, venue) = seeded(dir.path()).await?;
    pool.close().await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let config = baodao_server::config::Config::parse_from([
        "baodao-server".to_string(),
        "--listen".into(),
        format!("127.0.0.1:{port}"),
        "--data-dir".into(),
        dir.path().display().to_string(),
        "--dist".into(),
        dir.path().display().to_string(),
    ]);
    std::thread::spawn(move || {
        let rt = tokio::runtime::Runtime::new().expect("server runtime");
        if let Err(e) = rt.block_on(baodao_server::run(config)) {
            eprintln!("server failed: {e:#}");
        }
    });
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(1024)
        .build()?;
    let sync_url = format!("{base}/api/sync");
    for _ in 0..200 {
        if client
            .get(format!("{base}/api/events"))
            .send()
            .await
            .is_ok()
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }

    // 2. Over HTTP, 4 full batches in flight.
    let work = Arc::new(std::sync::Mutex::new(batches(
        records(&venue, n),
        MAX_BATCH_ITEMS,
    )));
    let start = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..4 {
        let (client, url, work) = (client.clone(), sync_url.clone(), work.clone());
        tasks.spawn(async move {
            let mut ok = 0usize;
            let mut errors = 0usize;
            loop {
                let Some(batch) = work.lock().unwrap().pop() else {
                    return (ok, errors);
                };
                match client.post(&url).json(&batch).send().await {
                    Ok(r) if r.status().is_success() => {
                        let r: SyncResponse = r.json().await.expect("sync response");
                        ok += stored(std::slice::from_ref(&r));
                    }
                    _ => {
                        errors += 1;
                        work.lock().unwrap().push(batch);
                    }
                }
            }
        });
    }
    let (mut ok, mut errors) = (0, 0);
    while let Some(r) = tasks.join_next().await {
        let (o, e) = r?;
        ok += o;
        errors += e;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "ingest (HTTP, 4 in flight): {n} check-ins: {secs:.2} s = {:.0} check-ins/s ({ok} stored, {errors} failed requests retried)",
        n as f64 / secs
    );

    // 3. Reconnect burst.
    let limit = Arc::new(tokio::sync::Semaphore::new(512));
    let all = records(&venue, devices * 2);
    let start = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for pair in all.chunks(2) {
        let batch = SyncBatch {
            device_time_ms: baodao_server::db::now_ms(),
            items: pair.to_vec(),
        };
        let (client, url, limit) = (client.clone(), sync_url.clone(), limit.clone());
        tasks.spawn(async move {
            let mut latencies = Vec::new();
            let mut failures = 0u32;
            loop {
                let permit = limit.acquire().await.expect("semaphore");
                let t = Instant::now();
                let result = client.post(&url).json(&batch).send().await;
                let ok = match result {
                    Ok(r) if r.status().is_success() => r.json::<SyncResponse>().await.is_ok(),
                    _ => false,
                };
                latencies.push(t.elapsed());
                drop(permit);
                if ok {
                    return (latencies, failures);
                }
                failures += 1;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        });
    }
    let mut latencies = Vec::new();
    let mut failures = 0;
    while let Some(r) = tasks.join_next().await {
        let (l, f) = r?;
        latencies.extend(l);
        failures += f;
    }
    let total = start.elapsed();
    latencies.sort();
    println!(
        "reconnect burst: {devices} devices x 2 records, all acknowledged in {:.2} s; {} requests ({failures} failed and retried); latency p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms",
        total.as_secs_f64(),
        latencies.len(),
        percentile(&latencies, 0.50).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3,
        latencies.last().unwrap().as_secs_f64() * 1e3,
    );
    let (pool, _) = seeded(dir.path()).await?;
    let (rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM checkins")
        .fetch_one(&pool)
        .await?;
    println!("server rows: {rows} (expected {})", n + devices * 2);
    Ok(())
}
