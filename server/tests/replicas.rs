//! Scale-out: two real `baodao-server` processes on one PostgreSQL
//! database, as behind a load balancer. A phone's batches, a lead's and an
//! organiser's requests may reach either; whatever one replica stored, the
//! other answers with. Nothing a request needs is kept in one process's
//! memory (docs/deploy.md lists what is, and why that is safe).
//!
//! PostgreSQL only: SQLite is one file on one machine. Skipped like the other
//! PostgreSQL runs when no server is given (see `common`), failed in CI.

mod common;

use baodao_core::event::Roster;
use baodao_core::sync::ItemOutcome;
use baodao_core::{CheckKind, EventId, VenueId};
use baodao_server::db::Backend;
use common::{batch, checkin, TestDb, TestServer};

/// A check-in by someone with a mobile number of their own: the dashboard
/// counts one person per number.
async fn person(s: &TestServer, venue: u32, name: &str, n: u32) -> baodao_core::CheckIn {
    let mut c = checkin(s, VenueId(venue), name).await;
    c.volunteer.mobile = format!("139{n:08}");
    c
}
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use uuid::Uuid;

/// A `baodao-server` process; killed when dropped.
struct Replica {
    child: Child,
    base: String,
}

impl Drop for Replica {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts a replica on `db` with `--seed-demo`, and waits until it serves.
fn spawn_replica(db: &TestDb) -> Replica {
    let port = free_port();
    let mut command = Command::new(env!("CARGO_BIN_EXE_baodao-server"));
    db.configure(&mut command);
    let mut child = command
        .args(["--listen", &format!("127.0.0.1:{port}"), "--seed-demo"])
        .arg("--dist")
        .arg(db.dir())
        .env("RUST_LOG", "off")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    // "Baodao is running." comes once it is listening.
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut printed = String::new();
    loop {
        match lines.next() {
            Some(Ok(line)) => {
                printed.push_str(&line);
                printed.push('\n');
                if line.contains("Baodao is running.") {
                    break;
                }
            }
            _ => panic!("replica ended before serving:\n{printed}"),
        }
    }
    // Keep reading its output, so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Replica {
        child,
        base: format!("http://127.0.0.1:{port}"),
    }
}

async fn roster_ids(s: &TestServer, venue: u32) -> BTreeSet<Uuid> {
    let roster: Roster = s.roster(venue).await;
    roster.entries.iter().map(|e| e.id).collect()
}

/// The outcomes of a sync answered 200.
async fn outcomes(res: reqwest::Response) -> Vec<ItemOutcome> {
    assert_eq!(res.status(), StatusCode::OK);
    common::outcomes(&res.json().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_replicas_on_one_postgres_database_serve_as_one() {
    let Some(db) = TestDb::fresh(Backend::Postgres).await else {
        return;
    };
    // Both start at once on an empty database: one migrates while the other
    // waits (sqlx's advisory lock), and `--seed-demo` makes one demo event.
    let (a, b) = {
        let (d1, d2) = (db.clone(), db.clone());
        let a = std::thread::spawn(move || spawn_replica(&d1));
        let b = std::thread::spawn(move || spawn_replica(&d2));
        (a.join().unwrap(), b.join().unwrap())
    };
    let pool = db.open().await;
    let events: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM events")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(events, 1, "replicas started together seed one demo event");
    let sa = db.attach(pool.clone(), a.base.clone()).await;
    let sb = db.attach(pool.clone(), b.base.clone()).await;

    // A phone's batches reach either replica.
    let first = vec![person(&sa, 1, "甲", 1).await, person(&sa, 1, "乙", 2).await];
    let second = vec![person(&sb, 1, "丙", 3).await];
    assert_eq!(
        outcomes(sa.sync(&batch(first.clone())).await).await,
        [ItemOutcome::Accepted, ItemOutcome::Accepted]
    );
    assert_eq!(
        outcomes(sb.sync(&batch(second.clone())).await).await,
        [ItemOutcome::Accepted]
    );
    // A retry reaches the other replica: stored once, answered as such.
    assert_eq!(
        outcomes(sb.sync(&batch(first.clone())).await).await,
        [ItemOutcome::Duplicate, ItemOutcome::Duplicate]
    );

    // The same batch through both at once (a phone that retried while its
    // first request was still running, each sent to another replica): every
    // record is stored once, accepted by exactly one of the two answers.
    for round in 0..5 {
        let same: Vec<_> = {
            let mut v = Vec::new();
            for n in 0..20 {
                v.push(person(&sa, 2, &format!("同批{round}-{n}"), 100 + round * 20 + n).await);
            }
            v
        };
        let same = batch(same);
        let (ra, rb) = tokio::join!(sa.sync(&same), sb.sync(&same));
        let (oa, ob) = (outcomes(ra).await, outcomes(rb).await);
        for (x, y) in oa.iter().zip(&ob) {
            let accepted = [x, y]
                .iter()
                .filter(|o| ***o == ItemOutcome::Accepted)
                .count();
            let duplicate = [x, y]
                .iter()
                .filter(|o| ***o == ItemOutcome::Duplicate)
                .count();
            assert_eq!((accepted, duplicate), (1, 1), "{oa:?} / {ob:?}");
        }
    }
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM checkins")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stored, 3 + 5 * 20);

    // Rosters read through either replica show exactly what both stored.
    let venue1: BTreeSet<Uuid> = first.iter().chain(&second).map(|c| c.id).collect();
    assert_eq!(roster_ids(&sa, 1).await, venue1);
    assert_eq!(roster_ids(&sb, 1).await, venue1);
    assert_eq!(roster_ids(&sb, 2).await.len(), 100);
    assert_eq!(roster_ids(&sa, 2).await, roster_ids(&sb, 2).await);

    // The organiser's dashboard and feed, through either replica.
    for s in [&sa, &sb] {
        let d = s.json_as(&s.organiser, "/api/events/1/dashboard").await;
        assert_eq!(d["totals"]["checked_in"], 103, "{d}");
        assert_eq!(d["totals"]["present"], 103);
    }
    // The feed pages by `received_ms`, stamped by PostgreSQL's clock under
    // the write lock: read through alternating replicas, every record comes
    // exactly once, in (received_ms, id) order.
    let mut seen = Vec::new();
    let mut cursor = String::new();
    for turn in 0.. {
        let s = if turn % 2 == 0 { &sa } else { &sb };
        let path = if cursor.is_empty() {
            "/api/events/1/feed?after=0".to_string()
        } else {
            format!("/api/events/1/feed?after={cursor}")
        };
        let feed = s.json_as(&s.organiser, &path).await;
        let items = feed["items"].as_array().unwrap();
        if items.is_empty() {
            break;
        }
        for item in items {
            seen.push((
                item["received_ms"].as_i64().unwrap(),
                item["id"].as_str().unwrap().to_string(),
            ));
        }
        cursor = feed["cursor"].as_str().unwrap().to_string();
        assert!(turn < 10, "the feed ends");
    }
    assert_eq!(seen.len(), 103);
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "feed order");

    // An invite made on one replica is redeemed on the other, and the lead's
    // session works on the first: sessions live in the database.
    let (id, link) = sa.invite(&[1], "跨副本").await;
    let res = sb.redeem(&link, "").await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let lead: Value = res.json().await.unwrap();
    let lead = lead["token"].as_str().unwrap();
    let people = sa.get_as(lead, "/api/venues/1/people").await;
    assert_eq!(people.status(), StatusCode::OK);
    // Revoked through one replica: refused by the other at once.
    assert_eq!(sb.revoke_invite(id).await.status(), StatusCode::OK);
    assert_eq!(
        sa.get_as(lead, "/api/venues/1/people").await.status(),
        StatusCode::UNAUTHORIZED
    );

    // A lead's "check out everyone" on venue 1 through one replica, then a
    // check-in through the other: the roster of either shows both.
    let res = sa
        .post_as(&sa.organiser, "/api/venues/1/checkout-all", &json!({}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let out: Value = res.json().await.unwrap();
    assert_eq!(out["checked_out"], 3);
    let roster: Roster = sb.roster(1).await;
    assert_eq!(
        roster
            .entries
            .iter()
            .filter(|e| e.kind == CheckKind::Out)
            .count(),
        3
    );
    drop((a, b));
    let _ = EventId(1);
}

/// Every replica runs the automatic check-out each minute: two sweeps at
/// once over the same venues store each check-out once (its id is derived
/// from the check-in it closes, and sweeps take the write lock).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn automatic_check_outs_from_two_replicas_are_stored_once() {
    let Some(db) = TestDb::fresh(Backend::Postgres).await else {
        return;
    };
    let s = db.start().await;
    // Check-ins made 30 hours ago (synced only now): a midnight closing time
    // has passed since each.
    let mut items = Vec::new();
    for n in 0..30 {
        let mut c = checkin(&s, VenueId(1), &format!("自动{n}")).await;
        c.device_time_ms -= 30 * 3_600_000;
        items.push(c);
    }
    assert_eq!(s.sync(&batch(items)).await.status(), StatusCode::OK);
    assert_eq!(s.count_rows().await, 30);
    sqlx::query("UPDATE venues SET closes_at = '00:00' WHERE id = 1")
        .execute(&s.pool)
        .await
        .unwrap();
    let (p1, p2) = (db.open().await, db.open().await);
    let now = common::now_ms();
    let (n1, n2) = tokio::join!(
        baodao_server::auto_checkout::sweep(&p1, now),
        baodao_server::auto_checkout::sweep(&p2, now)
    );
    assert_eq!(n1.unwrap() + n2.unwrap(), 30);
    let auto: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM checkins WHERE origin = 'auto'")
        .fetch_one(&s.pool)
        .await
        .unwrap();
    assert_eq!(auto, 30);
}
