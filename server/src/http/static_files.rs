//! The built widget (`dist/`) and console (`dist/console/`), compressed and
//! cached.
//!
//! `scripts/build-web` writes a brotli (`.br`) and a gzip (`.gz`) sibling of
//! every file; these services send the one the client's `Accept-Encoding`
//! asks for, and the plain file to a client that asks for neither or when a
//! sibling is missing. Every answer says `Vary: Accept-Encoding`, so a cache
//! never hands a brotli body to a client that cannot read it.
//!
//! Files whose name carries trunk's content hash (`main-<hex>.css`) are
//! `immutable` for a year: a new build names new files. Everything else
//! (the pages, `sw.js`, the scanner's fixed-name modules) is `no-cache`:
//! revalidated on each use (`Last-Modified`), so a deploy shows at once.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::path::Path;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `/sw.js`, the console's pages (`/lead/…`, `/organiser…`) and every other
/// path from `dist`; an unknown path is the widget's page (its router
/// decides what `/c`, `/code` and `/scan` show), unless it names a file.
pub fn router<S: Clone + Send + Sync + 'static>(dist: &Path) -> Router<S> {
    let file = |p: &Path| ServeFile::new(p).precompressed_br().precompressed_gzip();
    let index = file(&dist.join("index.html"));
    let console = file(&dist.join("console").join("index.html"));
    let widget = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(axum::handler::HandlerWithoutStateExt::into_service(
            move |req: Request| page_or_not_found(index.clone(), req),
        ));
    Router::new()
        .route_service("/sw.js", file(&dist.join("sw.js")))
        .nest_service("/lead", console.clone())
        .nest_service("/organiser", console)
        .fallback_service(widget)
        .layer(axum::middleware::from_fn(cache_headers))
}

/// The widget's page for a route of its own; 404 for a missing file (its
/// last segment has an extension: `/favicon.ico`, an old build's script),
/// which must not get a page in its place.
async fn page_or_not_found(index: ServeFile, req: Request) -> Response {
    let last = req.uri().path().rsplit('/').next().unwrap_or("");
    if last.contains('.') {
        return StatusCode::NOT_FOUND.into_response();
    }
    match index.oneshot(req).await {
        Ok(res) => res.map(Body::new),
        Err(never) => match never {},
    }
}

async fn cache_headers(req: Request, next: Next) -> Response {
    let hashed = is_hashed(req.uri().path());
    let mut res = next.run(req).await;
    let status = res.status();
    let headers = res.headers_mut();
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    let cache = if hashed && (status.is_success() || status == StatusCode::NOT_MODIFIED) {
        IMMUTABLE
    } else {
        "no-cache"
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    res
}

/// Whether the file name carries trunk's content hash:
/// `NAME-<hex>[_bg].EXT`, the hash a `u64` in lowercase hex without leading
/// zeros (so 15 digits one time in 16).
fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    let Some((stem, _ext)) = name.rsplit_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let Some((_, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    (12..=16).contains(&hash.len())
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::is_hashed;

    #[test]
    fn only_trunks_content_hashes_count_as_hashed() {
        for p in [
            "/baodao-29df3609367803f9.js",
            "/baodao-29df3609367803f9_bg.wasm",
            "/baodao-6fa23f087dc17fc_bg.wasm",
            "/console/main-0123456789abcdef.css",
        ] {
            assert!(is_hashed(p), "{p}");
        }
        for p in [
            "/",
            "/index.html",
            "/sw.js",
            "/scanner-ui.js",
            "/scanner-ui_bg.wasm",
            "/snippets/baodao-29df3609367803f9/inline0.js",
            "/x-29DF3609367803F9.js",
            "/x-29df3609367.js",
            "/x-29df3609367803f9",
        ] {
            assert!(!is_hashed(p), "{p}");
        }
    }
}
