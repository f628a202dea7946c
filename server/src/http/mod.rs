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
mod sync;
mod venues;
mod wechat;

pub use auth::setup_url;
pub use error::Error;

use crate::db::Pool;
use axum::extract::DefaultBodyLimit;
use axum::Router;
use std::path::PathBuf;
use tower_http::services::{ServeDir, ServeFile};
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
        }
    }
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
        ));
    // Unknown paths get the widget's index.html: the widget's router decides
    // what to show for /c, /code and /scan. The lead and organiser screens
    // are the console bundle (`console.html`, its files under /console/).
    let widget = ServeDir::new(&ctx.dist).fallback(ServeFile::new(ctx.dist.join("index.html")));
    let console = ServeFile::new(ctx.dist.join("console").join("index.html"));
    // Service worker (public/sw.js): never from an HTTP cache, so
    // phones find a new deploy on their next visit.
    let service_worker = tower::ServiceBuilder::new()
        .layer(tower_http::set_header::SetResponseHeaderLayer::overriding(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("no-cache"),
        ))
        .service(ServeFile::new(ctx.dist.join("sw.js")));
    Router::new()
        .nest("/api", api)
        .route_service("/sw.js", service_worker)
        .nest_service("/lead", console.clone())
        .nest_service("/organiser", console)
        .fallback_service(widget)
        .layer(axum::middleware::map_response(
            move |res: axum::response::Response| {
                let csp = csp.clone();
                async move { security::add_headers(&csp, res) }
            },
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(ctx)
}
