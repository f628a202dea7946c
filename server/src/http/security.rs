//! Security headers on the widget's HTML: who may frame it.
//!
//! `Content-Security-Policy: frame-ancestors 'self' <origins>` on every HTML
//! response, so only our own pages and the configured embedding sites
//! (`--frame-ancestors`, see `public/embed.js`) can show the widget in an
//! iframe. No `X-Frame-Options`: it cannot list several origins, and every
//! browser that honours CSP ignores it when `frame-ancestors` is present.

use axum::http::{header, HeaderValue};
use axum::response::Response;

/// The header value for these allowed embedding origins.
pub fn frame_ancestors(origins: &[String]) -> HeaderValue {
    let mut value = String::from("frame-ancestors 'self'");
    for o in origins {
        value.push(' ');
        value.push_str(o);
    }
    // Origins are checked by `config::parse_frame_ancestors`.
    HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static("frame-ancestors 'self'"))
}

/// Adds `csp` to `res` if it is an HTML page.
pub fn add_to_html(csp: &HeaderValue, mut res: Response) -> Response {
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        res.headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, csp.clone());
        // index.html names this build's hashed JS and wasm: always revalidate
        // it, so a deploy is picked up and never mixed with an older bundle.
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    res
}
