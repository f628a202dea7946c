//! The HTTP surface: JSON API under `/api`, the console's pages (`/lead/…`,
//! `/organiser…`: `dist/console/index.html`), and the volunteer widget for
//! every other path (each app routes on the client).

mod auth;
mod dashboard;
mod devices;
mod error;
mod event_setup;
mod events;
mod exports;
mod extract;
mod invites;
mod lead;
pub mod rate_limit;
mod security;
mod static_files;
mod sync;
mod venues;
mod wechat;

pub use auth::setup_url;
pub use error::Error;

use crate::db::Pool;
use axum::extract::DefaultBodyLimit;
use axum::Router;
use std::path::PathBuf;
use tower_http::compression::predicate::{NotForContentType, Predicate, SizeAbove};
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

/// Largest accepted request body. A full sync batch is ~100 KB.
pub const MAX_BODY_BYTES: usize = 512 * 1024;

/// Shared by every handler.
#[derive(Clone)]
pub struct ApiContext {
    pub pool: Pool,
    /// Base URL printed in QR codes.
    pub public_url: String,
    pub dist: PathBuf,
    /// WeChat JS-SDK signer (`/api/wechat/jsconfig`), if configured.
    pub wechat: Option<std::sync::Arc<crate::wechat::WeChat>>,
    /// Origins besides our own that may frame the widget (`public/embed.js`).
    pub frame_ancestors: Vec<String>,
    /// Per-replica request limits (login, ingest).
    pub limiter: std::sync::Arc<rate_limit::RateLimiter>,
    /// Take the client address from `X-Forwarded-For` (behind a proxy).
    pub trust_forwarded_for: bool,
    /// Whether `#token=` links (the demo's ready sessions) may sign a
    /// browser in: only with `--seed-demo`.
    pub token_links: bool,
}

impl ApiContext {
    /// A context with default limits, no WeChat and no embedding sites.
    pub fn new(pool: Pool, public_url: String, dist: PathBuf) -> Self {
        ApiContext {
            pool,
            public_url,
            dist,
            wechat: None,
            frame_ancestors: Vec::new(),
            limiter: Default::default(),
            trust_forwarded_for: false,
            token_links: false,
        }
    }
}

/// Brotli or gzip for the API's larger answers (event data, rosters,
/// exports, the dashboard), by `Accept-Encoding`. Not for small ones, where
/// the encoding's own bytes outweigh the saving, nor for the dashboard's
/// event stream, which a compressor would hold back until its buffer fills.
fn api_compression() -> CompressionLayer<impl Predicate> {
    let predicate = SizeAbove::new(1024)
        .and(NotForContentType::GRPC)
        .and(NotForContentType::IMAGES)
        .and(NotForContentType::SSE);
    CompressionLayer::new()
        .quality(tower_http::CompressionLevel::Precise(5))
        .compress_when(predicate)
}

pub fn router(ctx: ApiContext) -> Router {
    let csp = security::content_security_policy(
        &security::inline_script_hashes(&ctx.dist),
        &ctx.frame_ancestors,
    );
    let api = Router::new()
        .merge(auth::router())
        .merge(devices::router())
        .merge(events::router())
        .merge(invites::router())
        .merge(event_setup::router())
        .merge(lead::router())
        .merge(exports::router())
        .merge(dashboard::router())
        .merge(venues::router())
        .merge(sync::router())
        .merge(wechat::router())
        .fallback(|| async { Error::NotFound })
        .layer(axum::middleware::map_response(error::json_errors))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn_with_state(
            ctx.clone(),
            security::same_origin_api,
        ))
        .layer(api_compression());
    Router::new()
        .nest("/api", api)
        .merge(static_files::router(&ctx.dist))
        .layer(axum::middleware::map_response(
            move |res: axum::response::Response| {
                let csp = csp.clone();
                async move { security::add_headers(&csp, res) }
            },
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(ctx)
}
