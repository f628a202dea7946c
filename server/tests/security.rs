//! Security headers and same-origin API, on the real server: a
//! CSP that loads nothing from elsewhere (the page's own inline bootstrap
//! allowed by hash), nosniff and no-referrer everywhere, no-store API
//! answers, no CORS, and other sites' pages refused.

mod common;

use base64::Engine;
use common::{batch, checkin, TestDb};
use reqwest::StatusCode;
use sha2::Digest;

async fn pages_allow_only_their_own_origin_and_inline_bootstrap(db: TestDb) {
    let bootstrap = "\nimport init from '/baodao.js';\nawait init();\n";
    let s = db.start_with(|ctx| {
        std::fs::write(
            ctx.dist.join("index.html"),
            format!("<!doctype html><script type=\"module\">{bootstrap}</script><script src=\"/x.js\"></script>"),
        )
        .unwrap();
    })
    .await;
    let res = s.get("/c").await;
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(bootstrap));
    assert!(
        csp.contains(&format!(
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}'"
        )),
        "{csp}"
    );
    for directive in [
        "default-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'self'",
    ] {
        assert!(csp.contains(directive), "{directive} in {csp}");
    }
    assert!(!csp.contains("http"), "no other origin: {csp}");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert_eq!(res.headers()["referrer-policy"], "no-referrer");
    // The console page too.
    let res = s.get("/lead/1").await;
    assert!(res.headers().contains_key("content-security-policy"));
}

async fn api_answers_are_not_cached_and_other_sites_are_refused(db: TestDb) {
    let s = db.start().await;
    let res = s.get("/api/events/1").await;
    assert_eq!(res.headers()["cache-control"], "no-store");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert!(res.headers().get("access-control-allow-origin").is_none());

    let c = checkin(&s, baodao_core::VenueId(1), "跨站").await;
    let res = s
        .client
        .post(format!("{}/api/sync", s.base))
        .header("origin", "https://evil.example")
        .json(&batch(vec![c.clone()]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["error"], "cross_origin");
    assert_eq!(s.count_rows().await, 0);
    // A preflight gets no CORS permission either.
    let res = s
        .client
        .request(reqwest::Method::OPTIONS, format!("{}/api/sync", s.base))
        .header("origin", "https://evil.example")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert!(res.headers().get("access-control-allow-origin").is_none());
    // Our own pages (the public URL's origin) are served.
    let res = s
        .client
        .post(format!("{}/api/sync", s.base))
        .header("origin", &s.base)
        .json(&batch(vec![c]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(s.count_rows().await, 1);
}

async fn a_page_reached_by_another_host_name_may_still_sync(db: TestDb) {
    // A phone on the venue's Wi-Fi opens http://192.168.1.5:8080 while the
    // public URL says otherwise: same origin as the host it asked.
    let s = db.start().await;
    let addr = s.base.trim_start_matches("http://").to_string();
    let c = checkin(&s, baodao_core::VenueId(1), "局域网").await;
    let res = s
        .client
        .post(format!("{}/api/sync", s.base))
        .header("origin", format!("http://{addr}"))
        .header("host", &addr)
        .json(&batch(vec![c]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

common::backend_tests! {
    pages_allow_only_their_own_origin_and_inline_bootstrap,
    api_answers_are_not_cached_and_other_sites_are_refused,
    a_page_reached_by_another_host_name_may_still_sync,
}
