//! Security headers, and who may frame the widget.
//!
//! HTML pages get a Content-Security-Policy that lets them load nothing from
//! another origin: scripts only from our origin plus the hashes of the
//! inline bootstrap scripts trunk writes into each page (computed from the
//! built pages at start), `'wasm-unsafe-eval'` to instantiate the widget's
//! WebAssembly, and `frame-ancestors 'self' <origins>` so only our own pages
//! and the configured embedding sites (`--frame-ancestors`, see
//! `public/embed.js`) can show the widget in an iframe. No
//! `X-Frame-Options`: it cannot list several origins, and every browser that
//! honours CSP ignores it when `frame-ancestors` is present.
//!
//! Every response gets `X-Content-Type-Options: nosniff` and
//! `Referrer-Policy: no-referrer` (a lead's page must not leak its URL);
//! API answers are `Cache-Control: no-store` unless a handler chose
//! otherwise. The API sends no CORS headers (browsers then refuse other
//! sites' scripts), and refuses requests whose `Origin` is another site's.

use super::{ApiContext, Error};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The `frame-ancestors` directive for these allowed embedding origins.
pub fn frame_ancestors(origins: &[String]) -> String {
    let mut value = String::from("frame-ancestors 'self'");
    for o in origins {
        // Origins are checked by `config::parse_frame_ancestors`.
        value.push(' ');
        value.push_str(o);
    }
    value
}

/// `'sha256-…'` sources for every inline `<script>` of the built pages
/// (`*.html` in `dist` and `dist/console`).
pub fn inline_script_hashes(dist: &Path) -> Vec<String> {
    let mut hashes = Vec::new();
    for dir in [dist.to_path_buf(), dist.join("console")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut pages: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "html"))
            .collect();
        pages.sort();
        for page in pages {
            let Ok(html) = std::fs::read_to_string(&page) else {
                continue;
            };
            for script in inline_scripts(&html) {
                let hash = format!(
                    "'sha256-{}'",
                    STANDARD.encode(Sha256::digest(script.as_bytes()))
                );
                if !hashes.contains(&hash) {
                    hashes.push(hash);
                }
            }
        }
    }
    hashes
}

/// The text of each `<script>` without `src` (what the browser hashes).
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let tag = &after[..open_end];
        let body_start = start + open_end + 1;
        let Some(close) = rest[body_start..].find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            out.push(&rest[body_start..body_start + close]);
        }
        rest = &rest[body_start + close + "</script>".len()..];
    }
    out
}

/// The Content-Security-Policy of every HTML page.
pub fn content_security_policy(script_hashes: &[String], frame_origins: &[String]) -> HeaderValue {
    let scripts = script_hashes.join(" ");
    let value = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {scripts}; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; \
         worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; {}",
        frame_ancestors(frame_origins)
    );
    HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static(
        "default-src 'self'; frame-ancestors 'self'",
    ))
}

/// Adds the headers every response carries, and `csp` to HTML pages.
pub fn add_headers(csp: &HeaderValue, mut res: Response) -> Response {
    let headers = res.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    let is_html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp.clone());
        // index.html names this build's hashed JS and wasm: always revalidate
        // it, so a deploy is picked up and never mixed with an older bundle.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    res
}

/// The origin (`scheme://host[:port]`) of a URL.
fn origin_of(url: &str) -> Option<String> {
    let u = reqwest::Url::parse(url).ok()?;
    Some(u.origin().ascii_serialization())
}

/// `/api` middleware: refuses a request sent by another site's page (its
/// `Origin` is neither our public URL's nor the host it was sent to), and
/// marks answers `no-store` (rosters and tokens must not sit in caches).
pub async fn same_origin_api(State(ctx): State<ApiContext>, req: Request, next: Next) -> Response {
    if let Some(origin) = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
    {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|v| v.to_str().ok());
        let ours = origin_of(&ctx.public_url).as_deref() == Some(origin)
            || host.is_some_and(|h| {
                origin
                    .strip_prefix("http://")
                    .or_else(|| origin.strip_prefix("https://"))
                    == Some(h)
            });
        if !ours {
            return Error::CrossOrigin.into_response();
        }
    }
    let mut res = next.run(req).await;
    res.headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_found_and_external_ones_skipped() {
        let html = r#"<head><script type="module">
import init from '/a.js';
</script><script src="/b.js"></script><script>x()</script></head>"#;
        assert_eq!(
            inline_scripts(html),
            ["\nimport init from '/a.js';\n", "x()"]
        );
    }
}
