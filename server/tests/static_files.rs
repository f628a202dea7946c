//! The built widget as the server sends it: the precompressed sibling the
//! client's `Accept-Encoding` asks for, the plain file otherwise (no
//! encoding asked, sibling missing, a byte range), a year's caching only for
//! content-hashed names, and compressed API answers but never the live
//! event stream. Static files do not touch the database: SQLite only.

mod common;

use baodao_server::db::Backend;
use common::{TestDb, TestServer};
use reqwest::header::{HeaderMap, ACCEPT_ENCODING, RANGE};
use reqwest::StatusCode;
use std::path::Path;

const JS: &str = "baodao-0123456789abcdef.js";
const PLAIN: &[u8] = b"export function plain() { return 'the identity body'; }\n";
// Not real brotli or gzip: the server passes the files through unread, and
// distinct bytes show which one it sent.
const BR: &[u8] = b"brotli sibling";
const GZ: &[u8] = b"gzip sibling";

fn write(dir: &Path, name: &str, body: &[u8]) {
    std::fs::write(dir.join(name), body).unwrap();
}

async fn server() -> TestServer {
    let db = TestDb::fresh(Backend::Sqlite).await.unwrap();
    db.start_with(|ctx| {
        let d = &ctx.dist;
        write(d, JS, PLAIN);
        write(d, &format!("{JS}.br"), BR);
        write(d, &format!("{JS}.gz"), GZ);
        // A sibling missing: only gzip was written.
        write(d, "scanner-ui.js", PLAIN);
        write(d, "scanner-ui.js.gz", GZ);
        write(d, "index.html.br", b"brotli page");
        write(d, "sw.js", b"self.addEventListener('fetch', () => {});");
        write(d, "sw.js.br", b"brotli worker");
    })
    .await
}

async fn get(
    s: &TestServer,
    path: &str,
    headers: &[(reqwest::header::HeaderName, &str)],
) -> reqwest::Response {
    let mut req = s.client.get(format!("{}{path}", s.base));
    for (name, value) in headers {
        req = req.header(name, *value);
    }
    req.send().await.unwrap()
}

fn header<'a>(h: &'a HeaderMap, name: &str) -> Option<&'a str> {
    h.get(name).map(|v| v.to_str().unwrap())
}

#[tokio::test]
async fn the_encoding_asked_for_is_sent_and_none_gets_the_identity_file() {
    let s = server().await;
    for (accept, body, encoding) in [
        (Some("gzip, deflate, br"), BR, Some("br")),
        (Some("gzip"), GZ, Some("gzip")),
        (Some("br;q=0, gzip;q=1"), GZ, Some("gzip")),
        (Some("identity"), PLAIN, None),
        (None, PLAIN, None),
    ] {
        let headers: Vec<_> = accept.map(|a| (ACCEPT_ENCODING, a)).into_iter().collect();
        let res = get(&s, &format!("/{JS}"), &headers).await;
        assert_eq!(res.status(), StatusCode::OK, "{accept:?}");
        assert_eq!(
            header(res.headers(), "content-encoding"),
            encoding,
            "{accept:?}"
        );
        assert_eq!(
            header(res.headers(), "vary"),
            Some("accept-encoding"),
            "{accept:?}"
        );
        assert_eq!(
            header(res.headers(), "content-type"),
            Some("text/javascript"),
            "the type of the file, not of its sibling: {accept:?}"
        );
        assert_eq!(res.bytes().await.unwrap(), body, "{accept:?}");
    }
}

#[tokio::test]
async fn a_missing_sibling_falls_back_to_the_plain_file() {
    let s = server().await;
    let res = get(&s, "/scanner-ui.js", &[(ACCEPT_ENCODING, "br")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(res.headers(), "content-encoding"), None);
    assert_eq!(res.bytes().await.unwrap(), PLAIN);
    let res = get(&s, "/scanner-ui.js", &[(ACCEPT_ENCODING, "br, gzip")]).await;
    assert_eq!(header(res.headers(), "content-encoding"), Some("gzip"));
    assert_eq!(res.bytes().await.unwrap(), GZ);
    // index.html has only a brotli sibling here.
    let res = get(&s, "/c", &[(ACCEPT_ENCODING, "gzip")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(res.headers(), "content-encoding"), None);
    assert!(res.text().await.unwrap().contains("<title>widget</title>"));
}

#[tokio::test]
async fn a_range_request_gets_its_bytes() {
    let s = server().await;
    let res = get(&s, &format!("/{JS}"), &[(RANGE, "bytes=7-14")]).await;
    assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(
        header(res.headers(), "content-range"),
        Some(format!("bytes 7-14/{}", PLAIN.len()).as_str())
    );
    assert_eq!(res.bytes().await.unwrap(), &PLAIN[7..=14]);
    // With an encoding, the range is of the encoded file (RFC 9110 14.1.2).
    let res = get(
        &s,
        &format!("/{JS}"),
        &[(RANGE, "bytes=0-5"), (ACCEPT_ENCODING, "br")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(header(res.headers(), "content-encoding"), Some("br"));
    assert_eq!(res.bytes().await.unwrap(), &BR[..=5]);
}

#[tokio::test]
async fn pages_are_precompressed_too() {
    let s = server().await;
    for path in ["/", "/c", "/scan"] {
        let res = get(&s, path, &[(ACCEPT_ENCODING, "br")]).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(
            header(res.headers(), "content-encoding"),
            Some("br"),
            "{path}"
        );
        assert_eq!(
            header(res.headers(), "vary"),
            Some("accept-encoding"),
            "{path}"
        );
        assert_eq!(res.bytes().await.unwrap(), &b"brotli page"[..], "{path}");
    }
    let res = get(&s, "/sw.js", &[(ACCEPT_ENCODING, "br")]).await;
    assert_eq!(header(res.headers(), "content-encoding"), Some("br"));
    assert_eq!(res.bytes().await.unwrap(), &b"brotli worker"[..]);
}

#[tokio::test]
async fn only_hashed_files_are_cached_for_a_year() {
    let s = server().await;
    let res = get(&s, &format!("/{JS}"), &[]).await;
    assert_eq!(
        header(res.headers(), "cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    for path in [
        "/",
        "/index.html",
        "/c",
        "/sw.js",
        "/scanner-ui.js",
        "/console/",
        "/console/index.html",
        "/lead/1",
        "/organiser",
    ] {
        let res = get(&s, path, &[(ACCEPT_ENCODING, "br, gzip")]).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(
            header(res.headers(), "cache-control"),
            Some("no-cache"),
            "{path}"
        );
        assert_eq!(
            header(res.headers(), "vary"),
            Some("accept-encoding"),
            "{path}"
        );
    }
    // Revalidation of a hashed file keeps it immutable.
    let modified = get(&s, &format!("/{JS}"), &[]).await.headers()["last-modified"].clone();
    let res = s
        .client
        .get(format!("{}/{JS}", s.base))
        .header("if-modified-since", modified)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(
        header(res.headers(), "cache-control"),
        Some("public, max-age=31536000, immutable")
    );
}

#[tokio::test]
async fn a_missing_file_is_404_not_the_page() {
    let s = server().await;
    for path in [
        "/favicon.ico",
        "/baodao-ffffffffffffffff.js",
        "/console/gone.css",
    ] {
        let res = get(&s, path, &[]).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(!res.text().await.unwrap().contains("<title>"), "{path}");
    }
    // The widget's own routes still get its page.
    for path in ["/c", "/code", "/scan"] {
        let res = get(&s, path, &[]).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert!(
            res.text().await.unwrap().contains("<title>widget</title>"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn large_api_answers_are_compressed_but_not_small_ones_or_the_live_stream() {
    let s = server().await;
    let res = get(&s, "/api/events/1", &[(ACCEPT_ENCODING, "br, gzip")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(res.headers(), "content-encoding"), Some("br"));
    assert!(header(res.headers(), "vary").is_some_and(|v| v.contains("accept-encoding")));
    assert_eq!(header(res.headers(), "cache-control"), Some("no-store"));
    let packed = res.bytes().await.unwrap().len();
    let plain = get(&s, "/api/events/1", &[]).await;
    assert_eq!(header(plain.headers(), "content-encoding"), None);
    let plain = plain.bytes().await.unwrap().len();
    assert!(plain > 1024 && packed < plain / 2, "{packed} of {plain} B");

    // A small answer: the encoding would cost more than it saves.
    let res = get(&s, "/api/nothing-here", &[(ACCEPT_ENCODING, "br, gzip")]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(header(res.headers(), "content-encoding"), None);

    let organiser = s.organiser.clone();
    let mut live = s
        .client
        .get(format!("{}/api/events/1/live", s.base))
        .bearer_auth(&organiser)
        .header(ACCEPT_ENCODING, "br, gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(live.status(), StatusCode::OK);
    assert!(
        header(live.headers(), "content-type").is_some_and(|v| v.starts_with("text/event-stream"))
    );
    assert_eq!(header(live.headers(), "content-encoding"), None);
    // The first event arrives at once, not when a compressor's buffer fills.
    let first = tokio::time::timeout(std::time::Duration::from_secs(5), live.chunk())
        .await
        .expect("no live event within 5 s")
        .unwrap()
        .unwrap();
    assert!(
        std::str::from_utf8(&first).unwrap().contains("event: "),
        "{first:?}"
    );
}
