//! The API over real HTTP, against a real SQLite file in a temporary directory.

use baodao_core::event::{EventInfo, Roster};
use baodao_core::sync::{ApiError, ItemOutcome, SyncBatch, SyncResponse};
use baodao_core::venue_link::VenueRef;
use baodao_core::{CheckIn, CheckKind, EventId, VenueId, Volunteer};
use baodao_server::{db, http, seed};
use reqwest::StatusCode;
use uuid::Uuid;

struct TestServer {
    base: String,
    client: reqwest::Client,
    _dir: tempfile::TempDir,
    pool: db::Pool,
}

async fn start() -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let pool = db::open(dir.path()).await.unwrap();
    seed::demo_if_empty(&pool).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><title>widget</title>",
    )
    .unwrap();
    let app = http::router(http::ApiContext {
        pool: pool.clone(),
        public_url: base.clone(),
        dist,
    });
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    TestServer {
        base,
        client: reqwest::Client::new(),
        _dir: dir,
        pool,
    }
}

impl TestServer {
    async fn event(&self) -> EventInfo {
        self.client
            .get(format!("{}/api/events/1", self.base))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    async fn sync(&self, batch: &SyncBatch) -> reqwest::Response {
        self.client
            .post(format!("{}/api/sync", self.base))
            .json(batch)
            .send()
            .await
            .unwrap()
    }

    async fn count_rows(&self) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM checkins")
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }
}

fn checkin(venue: VenueId, name: &str) -> CheckIn {
    let r = VenueRef {
        event: EventId(1),
        venue,
    };
    CheckIn {
        id: Uuid::new_v4(),
        event: r.event,
        venue: r.venue,
        kind: CheckKind::In,
        code: r.code(),
        device_time_ms: 1_764_900_000_000,
        volunteer: Volunteer::new(name, "13800138000", "第一中学").unwrap(),
    }
}

fn batch(items: Vec<CheckIn>) -> SyncBatch {
    SyncBatch {
        device_time_ms: 1_764_900_000_000,
        items,
    }
}

#[tokio::test]
async fn the_demo_event_has_venues_and_organisations() {
    let s = start().await;
    let e = s.event().await;
    assert_eq!(e.id, EventId(1));
    assert!(e.venues.len() >= 3);
    assert!(
        e.venues.iter().any(|v| v.parent.is_some()),
        "demo has a sub-venue"
    );
    assert!(e.organisations.contains(&"第一中学".to_string()));
}

#[tokio::test]
async fn a_venue_qr_code_is_an_svg_of_its_checkin_url() {
    let s = start().await;
    let res = s
        .client
        .get(format!("{}/api/venues/1/qr.svg", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["content-type"],
        "image/svg+xml; charset=utf-8"
    );
    let body = res.text().await.unwrap();
    assert!(body.contains("<svg") && body.contains("</svg>"));
}

#[tokio::test]
async fn a_checkin_sent_twice_is_stored_once_and_appears_on_the_roster() {
    let s = start().await;
    let c = checkin(VenueId(2), "张三");
    let first: SyncResponse = s.sync(&batch(vec![c.clone()])).await.json().await.unwrap();
    assert_eq!(first.results[0].outcome, ItemOutcome::Accepted);
    let again: SyncResponse = s
        .sync(&batch(vec![c.clone(), c.clone()]))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again.results[0].outcome, ItemOutcome::Duplicate);
    assert_eq!(again.results[1].outcome, ItemOutcome::Duplicate);
    assert_eq!(s.count_rows().await, 1);

    let roster: Roster = s
        .client
        .get(format!("{}/api/venues/2/checkins", s.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(roster.entries.len(), 1);
    assert_eq!(roster.entries[0].id, c.id);
    assert_eq!(roster.entries[0].name, "张三");
    assert_eq!(roster.entries[0].mobile_masked, "138****8000");
    let other: Roster = s
        .client
        .get(format!("{}/api/venues/1/checkins", s.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        other.entries.is_empty(),
        "a check-in shows only at its venue"
    );
}

#[tokio::test]
async fn each_item_is_judged_on_its_own() {
    let s = start().await;
    let good = checkin(VenueId(1), "李四");
    let mut unknown_venue = checkin(VenueId(999), "王五");
    unknown_venue.code = VenueRef {
        event: EventId(1),
        venue: VenueId(999),
    }
    .code();
    let mut mismatched = checkin(VenueId(1), "赵六");
    mismatched.code = VenueRef {
        event: EventId(1),
        venue: VenueId(2),
    }
    .code();
    let mut bad_mobile = checkin(VenueId(1), "钱七");
    bad_mobile.volunteer.mobile = "12345".into();
    let mut garbage_code = checkin(VenueId(1), "孙八");
    garbage_code.code = "%%%".into();
    let res: SyncResponse = s
        .sync(&batch(vec![
            good,
            unknown_venue,
            mismatched,
            bad_mobile,
            garbage_code,
        ]))
        .await
        .json()
        .await
        .unwrap();
    let outcomes: Vec<_> = res.results.iter().map(|r| r.outcome.clone()).collect();
    assert_eq!(
        outcomes,
        vec![
            ItemOutcome::Accepted,
            ItemOutcome::Rejected("unknown_venue".into()),
            ItemOutcome::Rejected("code_mismatch".into()),
            ItemOutcome::Rejected("mobile_invalid".into()),
            ItemOutcome::Rejected("malformed_code".into()),
        ]
    );
    assert_eq!(s.count_rows().await, 1);
}

async fn error_of(res: reqwest::Response) -> (StatusCode, ApiError) {
    let status = res.status();
    (status, res.json().await.expect("error body is JSON"))
}

#[tokio::test]
async fn bad_requests_get_json_errors_and_store_nothing() {
    let s = start().await;
    let post = |body: Vec<u8>| {
        s.client
            .post(format!("{}/api/sync", s.base))
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let (status, err) = error_of(post(b"{not json".to_vec()).await.unwrap()).await;
    assert_eq!(
        (status, err.error.as_str()),
        (StatusCode::BAD_REQUEST, "malformed_request")
    );

    let (status, err) = error_of(
        post(br#"{"device_time_ms":1,"items":[{"id":"nope"}]}"#.to_vec())
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, err.error.as_str()),
        (StatusCode::BAD_REQUEST, "malformed_request")
    );

    let huge = vec![b' '; http::MAX_BODY_BYTES + 10];
    let (status, err) = error_of(post(huge).await.unwrap()).await;
    assert_eq!(
        (status, err.error.as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, "too_large")
    );

    let many = batch((0..201).map(|_| checkin(VenueId(1), "甲")).collect());
    let (status, err) = error_of(s.sync(&many).await).await;
    assert_eq!(
        (status, err.error.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "batch_too_large")
    );

    for path in [
        "/api/venues/999/checkins",
        "/api/venues/abc/checkins",
        "/api/venues/999/qr.svg",
        "/api/events/7",
    ] {
        let (status, err) = error_of(
            s.client
                .get(format!("{}{path}", s.base))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(err.error.starts_with("unknown_"), "{path}: {}", err.error);
    }
    let (status, err) = error_of(
        s.client
            .get(format!("{}/api/nothing", s.base))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, err.error.as_str()),
        (StatusCode::NOT_FOUND, "not_found")
    );
    assert_eq!(s.count_rows().await, 0);
}

#[tokio::test]
async fn widget_routes_are_served_the_index_page() {
    let s = start().await;
    for path in ["/", "/c", "/lead/1", "/organiser"] {
        let res = s
            .client
            .get(format!("{}{path}", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert!(
            res.text().await.unwrap().contains("<title>widget</title>"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_database_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let pool = db::open(dir.path()).await.unwrap();
    seed::demo_if_empty(&pool).await.unwrap();
    let c = checkin(VenueId(1), "周九");
    baodao_server::ingest::apply(&pool, &batch(vec![c]))
        .await
        .unwrap();
    pool.close().await;
    let pool = db::open(dir.path()).await.unwrap();
    seed::demo_if_empty(&pool).await.unwrap();
    let (events, rows): (i64, i64) =
        sqlx::query_as("SELECT (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM checkins)")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(
        (events, rows),
        (1, 1),
        "seeding twice creates one event; the check-in is kept"
    );
}
