//! The HTTP surface: JSON API under `/api`, and the built widget for every
//! other path (the widget routes on the client).

mod error;
mod events;
mod extract;
mod sync;
mod venues;

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
}

pub fn router(ctx: ApiContext) -> Router {
    let api = Router::new()
        .merge(events::router())
        .merge(venues::router())
        .merge(sync::router())
        .fallback(|| async { Error::NotFound })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES));
    // Unknown paths get the widget's index.html: the widget's router decides
    // what to show for /c, /lead/3 and /organiser.
    let widget = ServeDir::new(&ctx.dist).fallback(ServeFile::new(ctx.dist.join("index.html")));
    Router::new()
        .nest("/api", api)
        .fallback_service(widget)
        .layer(TraceLayer::new_for_http())
        .with_state(ctx)
}
