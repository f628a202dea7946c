//! `POST /api/sync`: the phone's outbox delivers a batch of check-ins.

use super::extract::ApiJson;
use super::{ApiContext, Error};
use crate::ingest;
use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use baodao_core::sync::{SyncBatch, SyncResponse, MAX_BATCH_ITEMS};

pub fn router() -> Router<ApiContext> {
    Router::new().route("/sync", post(sync))
}

async fn sync(
    State(ctx): State<ApiContext>,
    ApiJson(batch): ApiJson<SyncBatch>,
) -> Result<Json<SyncResponse>, Error> {
    if batch.items.len() > MAX_BATCH_ITEMS {
        return Err(Error::Unprocessable {
            code: "batch_too_large",
            message: format!("at most {MAX_BATCH_ITEMS} items per batch"),
        });
    }
    Ok(Json(ingest::apply(&ctx.pool, &batch).await?))
}
