//! The WeChat JS-SDK signature endpoint against a local stub of WeChat's
//! token and ticket API, and the frame-ancestors header for embedding.

mod common;

use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use baodao_server::wechat::{signature, WeChat};
use common::TestDb;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

const TICKET: &str = "stub-ticket-kgt8ON7yVITDhtdwci0qeZ";

#[derive(Default)]
struct Stub {
    tokens: AtomicUsize,
    tickets: AtomicUsize,
    /// Answer the token call with WeChat's "invalid appsecret" error.
    bad_secret: bool,
}

/// Speaks WeChat's JSON for `cgi-bin/token` and `cgi-bin/ticket/getticket`.
async fn start_stub(stub: Arc<Stub>) -> String {
    async fn token(
        State(s): State<Arc<Stub>>,
        Query(q): Query<HashMap<String, String>>,
    ) -> Json<Value> {
        s.tokens.fetch_add(1, Ordering::SeqCst);
        assert_eq!(q["grant_type"], "client_credential");
        assert_eq!(q["appid"], "wx-test-app");
        if s.bad_secret || q["secret"] != "s3cret" {
            return Json(
                json!({"errcode": 40001, "errmsg": "invalid credential, access_token is invalid or not latest"}),
            );
        }
        Json(json!({"access_token": "stub-token", "expires_in": 7200}))
    }
    async fn ticket(
        State(s): State<Arc<Stub>>,
        Query(q): Query<HashMap<String, String>>,
    ) -> Json<Value> {
        s.tickets.fetch_add(1, Ordering::SeqCst);
        assert_eq!(q["access_token"], "stub-token");
        assert_eq!(q["type"], "jsapi");
        // Slow enough that concurrent requests overlap the fetch.
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        Json(json!({"errcode": 0, "errmsg": "ok", "ticket": TICKET, "expires_in": 7200}))
    }
    let app = Router::new()
        .route("/cgi-bin/token", get(token))
        .route("/cgi-bin/ticket/getticket", get(ticket))
        .with_state(stub);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    base
}

async fn server_with_wechat(db: &TestDb, stub: Arc<Stub>) -> common::TestServer {
    let api = start_stub(stub).await;
    let wechat = WeChat::new("wx-test-app".into(), "s3cret".into(), &api).unwrap();
    db.start_with(|ctx| ctx.wechat = Some(Arc::new(wechat)))
        .await
}

async fn js_config(s: &common::TestServer, url: &str) -> reqwest::Response {
    s.client
        .get(format!("{}/api/wechat/jsconfig", s.base))
        .query(&[("url", url)])
        .send()
        .await
        .unwrap()
}

async fn signs_our_pages_and_fetches_the_ticket_once(db: TestDb) {
    let stub = Arc::new(Stub::default());
    let s = server_with_wechat(&db, stub.clone()).await;
    let page = format!("{}/scan?from=wechat#ignored", s.base);
    // Concurrent first requests share one token and one ticket fetch.
    let answers = futures_join(&s, &page, 5).await;
    for res in answers {
        assert_eq!(res.status(), reqwest::StatusCode::OK);
        assert_eq!(res.headers()["cache-control"], "no-store");
        let c: Value = res.json().await.unwrap();
        assert_eq!(c["appId"], "wx-test-app");
        let nonce = c["nonceStr"].as_str().unwrap();
        let ts = c["timestamp"].as_u64().unwrap();
        let expected = signature(TICKET, nonce, ts, &format!("{}/scan?from=wechat", s.base));
        assert_eq!(c["signature"], expected.as_str());
    }
    let again = js_config(&s, &format!("{}/c", s.base)).await;
    assert_eq!(again.status(), reqwest::StatusCode::OK);
    assert_eq!(stub.tokens.load(Ordering::SeqCst), 1);
    assert_eq!(stub.tickets.load(Ordering::SeqCst), 1);
}

async fn futures_join(s: &common::TestServer, url: &str, n: usize) -> Vec<reqwest::Response> {
    let mut tasks = Vec::new();
    for _ in 0..n {
        let (client, base, url) = (s.client.clone(), s.base.clone(), url.to_string());
        tasks.push(tokio::spawn(async move {
            client
                .get(format!("{base}/api/wechat/jsconfig"))
                .query(&[("url", url)])
                .send()
                .await
                .unwrap()
        }));
    }
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

async fn refuses_other_origins(db: TestDb) {
    let stub = Arc::new(Stub::default());
    let s = server_with_wechat(&db, stub.clone()).await;
    for url in ["https://evil.example.cn/c", "", "not a url"] {
        let res = js_config(&s, url).await;
        assert_eq!(res.status(), reqwest::StatusCode::BAD_REQUEST, "{url}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"], "wechat_url_not_ours");
    }
    assert_eq!(stub.tokens.load(Ordering::SeqCst), 0);
}

async fn a_wechat_error_code_is_a_clear_error_and_not_cached(db: TestDb) {
    let stub = Arc::new(Stub {
        bad_secret: true,
        ..Stub::default()
    });
    let s = server_with_wechat(&db, stub.clone()).await;
    for _ in 0..2 {
        let res = js_config(&s, &format!("{}/scan", s.base)).await;
        assert_eq!(res.status(), reqwest::StatusCode::BAD_GATEWAY);
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"], "wechat_unavailable");
        let msg = body["message"].as_str().unwrap();
        assert!(
            msg.contains("access_token") && msg.contains("40001"),
            "{msg}"
        );
    }
    // Errors are not cached: each request tries again.
    assert_eq!(stub.tokens.load(Ordering::SeqCst), 2);
    assert_eq!(stub.tickets.load(Ordering::SeqCst), 0);
}

async fn not_configured_is_404(db: TestDb) {
    let s = db.start().await;
    let res = js_config(&s, &format!("{}/scan", s.base)).await;
    assert_eq!(res.status(), reqwest::StatusCode::NOT_FOUND);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"], "wechat_not_configured");
}

async fn html_may_be_framed_only_by_listed_origins(db: TestDb) {
    let s = db
        .start_with(|ctx| ctx.frame_ancestors = vec!["https://partner.example.cn".into()])
        .await;
    for path in ["/", "/c", "/lead/1"] {
        let res = s.get(path).await;
        let csp = res.headers()["content-security-policy"].to_str().unwrap();
        assert!(
            csp.ends_with("; frame-ancestors 'self' https://partner.example.cn"),
            "{csp}"
        );
    }
    // Without a list, only our own pages may frame the widget.
    let plain = db.start().await;
    let res = plain.get("/c").await;
    let csp = res.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.ends_with("; frame-ancestors 'self'"), "{csp}");
    // JSON is not a page: no CSP needed.
    let res = s.get("/api/events").await;
    assert!(res.headers().get("content-security-policy").is_none());
}

common::backend_tests! {
    signs_our_pages_and_fetches_the_ticket_once,
    refuses_other_origins,
    a_wechat_error_code_is_a_clear_error_and_not_cached,
    not_configured_is_404,
    html_may_be_framed_only_by_listed_origins,
}
