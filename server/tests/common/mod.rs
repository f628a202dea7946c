//! Shared by the integration tests: a real server on a free port, over a
//! real SQLite file in a temporary directory, with the demo event.
#![allow(dead_code)]

use baodao_core::event::{EventInfo, Roster};
use baodao_core::sync::{SyncBatch, SyncResponse};
use baodao_core::venue_code::{EventSigningKey, KeyId};
use baodao_core::{CheckIn, CheckKind, EventId, VenueId, Volunteer};
use baodao_server::{access, db, http, keys, seed};
use uuid::Uuid;

pub struct TestServer {
    pub base: String,
    /// Sends no credentials.
    pub client: reqwest::Client,
    /// An organiser session's token (made directly in the database).
    pub organiser: String,
    _dir: tempfile::TempDir,
    pub pool: db::Pool,
}

pub async fn start() -> TestServer {
    start_with(|_| {}).await
}

/// Like [`start`], with the context changed by `configure` first (WeChat,
/// frame ancestors).
pub async fn start_with(configure: impl FnOnce(&mut http::ApiContext)) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let pool = db::open(dir.path()).await.unwrap();
    seed::demo_if_empty(&pool).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(dist.join("console")).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><title>widget</title>",
    )
    .unwrap();
    std::fs::write(
        dist.join("console").join("index.html"),
        "<!doctype html><title>console</title>",
    )
    .unwrap();
    let mut ctx = http::ApiContext::new(pool.clone(), base.clone(), dist);
    configure(&mut ctx);
    let app = http::router(ctx).into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let organiser = {
        let mut conn = pool.acquire().await.unwrap();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO organisers (name, created_ms) VALUES ('测试组织者', 0) RETURNING id",
        )
        .fetch_one(&mut *conn)
        .await
        .unwrap();
        access::organiser_session(&mut conn, id, "test")
            .await
            .unwrap()
            .token
    };
    TestServer {
        base,
        organiser,
        client: reqwest::Client::new(),
        _dir: dir,
        pool,
    }
}

impl TestServer {
    /// `GET {base}{path}`.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    /// `GET {base}{path}` with `token` as the bearer.
    pub async fn get_as(&self, token: &str, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    /// `{method} {base}{path}` with `token` as the bearer and a JSON body.
    pub async fn send_as(
        &self,
        method: reqwest::Method,
        token: &str,
        path: &str,
        body: &serde_json::Value,
    ) -> reqwest::Response {
        self.client
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// `POST` with a JSON body as `token`.
    pub async fn post_as(
        &self,
        token: &str,
        path: &str,
        body: &serde_json::Value,
    ) -> reqwest::Response {
        self.send_as(reqwest::Method::POST, token, path, body).await
    }

    /// A lead session for `venues` of the demo event, the way a lead gets
    /// one: the organiser makes an invite, the lead's page redeems it.
    pub async fn lead(&self, venues: &[u32]) -> String {
        let res = self
            .post_as(
                &self.organiser,
                "/api/events/1/invites",
                &serde_json::json!({"venues": venues, "label": "test lead"}),
            )
            .await;
        assert_eq!(res.status(), reqwest::StatusCode::CREATED);
        let invite: serde_json::Value = res.json().await.unwrap();
        let url = invite["url"].as_str().unwrap();
        let link = url.split("#invite=").nth(1).unwrap();
        let res = self
            .client
            .post(format!("{}/api/auth/redeem", self.base))
            .json(&serde_json::json!({"link": link}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), reqwest::StatusCode::CREATED);
        let session: serde_json::Value = res.json().await.unwrap();
        session["token"].as_str().unwrap().to_string()
    }

    pub async fn event(&self) -> EventInfo {
        self.get("/api/events/1").await.json().await.unwrap()
    }

    /// A venue's roster, as the organiser reads it.
    pub async fn roster(&self, venue: u32) -> Roster {
        self.get_as(&self.organiser, &format!("/api/venues/{venue}/checkins"))
            .await
            .json()
            .await
            .unwrap()
    }

    pub async fn sync(&self, batch: &SyncBatch) -> reqwest::Response {
        self.client
            .post(format!("{}/api/sync", self.base))
            .json(batch)
            .send()
            .await
            .unwrap()
    }

    pub async fn count_rows(&self) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM checkins")
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }
}

pub fn now_ms() -> i64 {
    db::now_ms()
}

/// The demo event's signing key `key`, read from the database as only the
/// server holds it.
pub async fn signing_key(pool: &db::Pool, key: u8) -> EventSigningKey {
    let seed: Vec<u8> =
        sqlx::query_scalar("SELECT seed FROM event_keys WHERE event_id = 1 AND key_id = ?")
            .bind(i64::from(key))
            .fetch_one(pool)
            .await
            .unwrap();
    EventSigningKey::from_seed(EventId(1), KeyId(key), &seed.try_into().unwrap())
}

/// The poster code of a demo venue, as the server prints it.
pub async fn poster_code(pool: &db::Pool, venue: VenueId) -> String {
    let mut conn = pool.acquire().await.unwrap();
    keys::poster_code(&mut conn, EventId(1), venue)
        .await
        .unwrap()
}

/// A check-in at a demo venue with its genuine poster code, made now.
pub async fn checkin(s: &TestServer, venue: VenueId, name: &str) -> CheckIn {
    CheckIn {
        id: Uuid::new_v4(),
        event: EventId(1),
        venue,
        kind: CheckKind::In,
        code: poster_code(&s.pool, venue).await,
        device_time_ms: now_ms(),
        volunteer: Volunteer::new(name, "13800138000", "第一中学").unwrap(),
    }
}

/// A batch sent now by a phone whose clock is right.
pub fn batch(items: Vec<CheckIn>) -> SyncBatch {
    SyncBatch {
        device_time_ms: now_ms(),
        items,
    }
}

pub async fn sync_ok(s: &TestServer, items: Vec<CheckIn>) -> SyncResponse {
    let res = s.sync(&batch(items)).await;
    assert_eq!(res.status(), reqwest::StatusCode::OK);
    res.json().await.unwrap()
}
