//! Sync benchmarks. Prints figures; asserts nothing.
//!
//! ```sh
//! cargo run --profile server -p baodao-server --example sync_bench
//! cargo run --profile server -p baodao-server --example sync_bench -- 100000 6665
//! ```
//!
//! Arguments: records for the ingest-rate runs (default 50,000) and devices
//! for the reconnect burst (default 6,665, two records each).
//!
//! 1. Ingest rate, in process, on a fresh SQLite database each, full batches
//!    (`MAX_BATCH_ITEMS`) one after another:
//!    a. the per-item reference — ingest as it was before batching (per
//!    item: a SELECT for the stored outcome, the event and the venue, an
//!    Ed25519 verification, an INSERT), kept here as the baseline, so the
//!    ratio is measured in the same run on the same machine load;
//!    b. `baodao_server::ingest::apply`, every record with the venue's poster
//!    code (the common case: verified once, then remembered);
//!    c. `apply` with a distinct code string on every record (the worst
//!    case: every record costs a verification);
//!    d. `apply` with random (v4) record ids, as widgets made them before
//!    they made time-ordered (v7) ones (`src/record_id.rs`); every other
//!    run uses time-ordered ids, as phones now send;
//!    e. `apply` with batches of random sizes from 1 to `MAX_BATCH_ITEMS`,
//!    as phones send whatever their outbox holds (the insert is prepared for
//!    a few sizes only, `ingest::INSERT_SIZES`).
//! 2. Ingest rate over HTTP: the real server (`baodao_server::run`, its own
//!    runtime) on loopback, full batches, 4 in flight.
//! 3. Reconnect burst: every device posts its 2 records at once (at most 512
//!    requests in flight, the client's limit); a device whose request fails
//!    retries after 100 ms, as a phone would. Prints the time until every
//!    record is acknowledged and the p50/p99/max request latency.
//!
//! `SYNC_BENCH_BATCHED_ONLY=1` runs only 1b (to profile it with `perf` or
//! callgrind), `SYNC_BENCH_BATCHED_ONLY=random` only 1d, `=mixed` only 1e.
//!
//! Every record carries a genuine signed code of the demo venue, so the full
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

/// How record ids are made.
#[derive(Clone, Copy)]
enum Ids {
    /// UUIDv7 from the record's time, as the widget makes them.
    TimeOrdered,
    /// UUIDv4, as older widgets made them.
    Random,
}

fn records(v: &Venue, n: usize, ids: Ids) -> Vec<CheckIn> {
    let now = baodao_server::db::now_ms();
    let volunteer = Volunteer::new("测试", "13800138000", "第一中学").expect("valid volunteer");
    (0..n)
        .map(|i| CheckIn {
            id: match ids {
                Ids::TimeOrdered => {
                    let random: [u8; 10] = uuid::Uuid::new_v4().as_bytes()[..10]
                        .try_into()
                        .expect("10 bytes");
                    uuid::Builder::from_unix_timestamp_millis(
                        (now - (n - i) as i64) as u64,
                        &random,
                    )
                    .into_uuid()
                }
                Ids::Random => uuid::Uuid::new_v4(),
            },
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

/// How many records each batch holds.
#[derive(Clone, Copy)]
enum Sizes {
    /// `MAX_BATCH_ITEMS` each (the last one the rest).
    Full,
    /// 1 to `MAX_BATCH_ITEMS` at random (the same sequence every run).
    Mixed,
}

fn batches(items: Vec<CheckIn>, sizes: Sizes) -> Vec<SyncBatch> {
    let mut random: u64 = 0x5eed;
    let mut rest = &items[..];
    let mut out = Vec::new();
    while !rest.is_empty() {
        let size = match sizes {
            Sizes::Full => MAX_BATCH_ITEMS,
            Sizes::Mixed => {
                // A linear congruential generator (Knuth's MMIX constants).
                random = random
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                1 + (random >> 33) as usize % MAX_BATCH_ITEMS
            }
        };
        let (batch, next) = rest.split_at(size.min(rest.len()));
        out.push(SyncBatch {
            device_time_ms: baodao_server::db::now_ms(),
            items: batch.to_vec(),
        });
        rest = next;
    }
    out
}

fn stored(responses: &[SyncResponse]) -> usize {
    responses
        .iter()
        .flat_map(|r| &r.results)
        .filter(|r| r.outcome.is_stored())
        .count()
}

#[derive(Clone, Copy)]
enum Codes {
    /// Every record with the venue's poster code.
    Same,
    /// Every record with its own genuine code (validity shifted by seconds).
    Distinct,
}

#[derive(Clone, Copy)]
enum Path {
    PerItem,
    Batched,
}

/// One in-process ingest run.
#[derive(Clone, Copy)]
struct Run {
    path: Path,
    codes: Codes,
    ids: Ids,
    sizes: Sizes,
}

/// 1b; the other runs differ from it in one way.
const BATCHED: Run = Run {
    path: Path::Batched,
    codes: Codes::Same,
    ids: Ids::TimeOrdered,
    sizes: Sizes::Full,
};

/// Check-ins per second through one ingest path, on a fresh database.
async fn ingest_rate(n: usize, run: Run) -> anyhow::Result<f64> {
    let dir = tempfile::tempdir()?;
    let (pool, venue) = seeded(dir.path()).await?;
    let mut items = records(&venue, n, run.ids);
    if let Codes::Distinct = run.codes {
        let mut conn = pool.acquire().await?;
        let key = baodao_server::keys::active_key(&mut conn, venue.event).await?;
        let validity = baodao_server::keys::event_validity(&mut conn, venue.event).await?;
        for (i, item) in items.iter_mut().enumerate() {
            let mut v = validity;
            v.from = v.from.saturating_sub(i as u32 + 1);
            item.code = key.static_code_string(venue.venue, v);
        }
    }
    let work = batches(items, run.sizes);
    let start = Instant::now();
    let mut responses = Vec::new();
    for b in &work {
        responses.push(match run.path {
            Path::PerItem => per_item::apply(&pool, b).await?,
            Path::Batched => baodao_server::ingest::apply(&pool, b).await?,
        });
    }
    let secs = start.elapsed().as_secs_f64();
    let stored = stored(&responses);
    assert_eq!(stored, n, "every record stored");
    pool.close().await;
    Ok(n as f64 / secs)
}

/// Ingest as it was before batching (commit 44c94ba), as the baseline: per
/// item, a SELECT for a stored outcome, one for the event, the key set once
/// per event and batch, an Ed25519 verification, a SELECT for the venue and
/// an INSERT. Signed poster codes only (what the benchmark sends).
mod per_item {
    use baodao_core::sync::{ItemOutcome, ItemResult, SyncBatch, SyncResponse};
    use baodao_core::venue_code::{assess_at_sync, verify_authentic};
    use baodao_server::db::{now_ms, Pool};
    use baodao_server::ingest::SYNC_POLICY;
    use std::collections::HashMap;

    pub async fn apply(pool: &Pool, batch: &SyncBatch) -> anyhow::Result<SyncResponse> {
        let received = now_ms();
        let clock_offset = received.saturating_sub(batch.device_time_ms);
        let mut tx = baodao_server::db::begin_write(pool).await?;
        let mut key_sets = HashMap::new();
        let mut results = Vec::with_capacity(batch.items.len());
        for item in &batch.items {
            let stored: Option<(Option<String>,)> =
                sqlx::query_as("SELECT flag FROM checkins WHERE id = $1")
                    .bind(item.id.to_string())
                    .fetch_optional(&mut *tx)
                    .await?;
            if let Some((flag,)) = stored {
                results.push(ItemResult {
                    id: item.id,
                    outcome: flag.map_or(ItemOutcome::Duplicate, ItemOutcome::Flagged),
                });
                continue;
            }
            item.validate()?;
            let _: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM events WHERE id = $1")
                .bind(i64::from(item.event.0))
                .fetch_one(&mut *tx)
                .await?;
            if let std::collections::hash_map::Entry::Vacant(slot) = key_sets.entry(item.event) {
                slot.insert(baodao_server::keys::key_set(&mut tx, item.event).await?);
            }
            let verified = verify_authentic(&item.code, &key_sets[&item.event])?;
            let _: Option<i64> = sqlx::query_scalar("SELECT event_id FROM venues WHERE id = $1")
                .bind(i64::from(item.venue.0))
                .fetch_optional(&mut *tx)
                .await?;
            let when = item.device_time_ms.saturating_add(clock_offset);
            let flag = assess_at_sync(&verified, when, &SYNC_POLICY).map(|f| f.code());
            sqlx::query(
                "INSERT INTO checkins (id, event_id, venue_id, kind, code, device_time_ms, checked_ms, received_ms, name, mobile, organisation, flag)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(item.id.to_string())
            .bind(i64::from(item.event.0))
            .bind(i64::from(item.venue.0))
            .bind(item.kind.as_str())
            .bind(&item.code)
            .bind(item.device_time_ms)
            .bind(when)
            .bind(received)
            .bind(&item.volunteer.name)
            .bind(&item.volunteer.mobile)
            .bind(&item.volunteer.organisation)
            .bind(flag)
            .execute(&mut *tx)
            .await?;
            results.push(ItemResult {
                id: item.id,
                outcome: flag.map_or(ItemOutcome::Accepted, |f| ItemOutcome::Flagged(f.into())),
            });
        }
        tx.commit().await?;
        Ok(SyncResponse {
            server_time_ms: now_ms(),
            results,
        })
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1]
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(50_000);
    let devices: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(6_665);

    // For profiling (`perf record`): only the batched in-process run.
    if let Some(only) = std::env::var_os("SYNC_BENCH_BATCHED_ONLY") {
        let run = match only.to_str() {
            Some("random") => Run {
                ids: Ids::Random,
                ..BATCHED
            },
            Some("mixed") => Run {
                sizes: Sizes::Mixed,
                ..BATCHED
            },
            _ => BATCHED,
        };
        let rate = ingest_rate(n, run).await?;
        println!("batched, one poster code: {rate:.0} check-ins/s");
        return Ok(());
    }
    // 1. In process: the per-item reference, then batch ingest.
    let reference = ingest_rate(
        n,
        Run {
            path: Path::PerItem,
            ..BATCHED
        },
    )
    .await?;
    let batched = ingest_rate(n, BATCHED).await?;
    let distinct = ingest_rate(
        n,
        Run {
            codes: Codes::Distinct,
            ..BATCHED
        },
    )
    .await?;
    let random_ids = ingest_rate(
        n,
        Run {
            ids: Ids::Random,
            ..BATCHED
        },
    )
    .await?;
    let mixed = ingest_rate(
        n,
        Run {
            sizes: Sizes::Mixed,
            ..BATCHED
        },
    )
    .await?;
    println!(
        "ingest (in process), {n} check-ins in batches of {MAX_BATCH_ITEMS}, one after another:\n  \
         per-item reference (before batching):   {reference:.0} check-ins/s\n  \
         batched, one poster code:               {batched:.0} check-ins/s = {:.1}x the reference\n  \
         batched, a distinct code per record:    {distinct:.0} check-ins/s = {:.1}x the reference\n  \
         batched, random (v4) ids (old widgets): {random_ids:.0} check-ins/s = {:.1}x the reference\n  \
         batched, batches of 1-{MAX_BATCH_ITEMS} at random:    {mixed:.0} check-ins/s = {:.1}x the reference",
        batched / reference,
        distinct / reference,
        random_ids / reference,
        mixed / reference,
    );

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
        records(&venue, n, Ids::TimeOrdered),
        Sizes::Full,
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
    let all = records(&venue, devices * 2, Ids::TimeOrdered);
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
