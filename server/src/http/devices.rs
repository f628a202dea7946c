//! `GET /api/devices/me/checkins`: a volunteer's phone reads back its own
//! records, and nobody else's (there is no route naming another device).

use super::{ApiContext, Error};
use crate::access::Caller;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

pub fn router() -> Router<ApiContext> {
    Router::new().route("/devices/me/checkins", get(own_checkins))
}

/// One of the device's records, as the server holds it.
#[derive(Serialize, sqlx::FromRow)]
struct OwnRecord {
    id: String,
    venue: i64,
    kind: String,
    device_time_ms: i64,
    flag: Option<String>,
    review: Option<String>,
}

async fn own_checkins(
    State(ctx): State<ApiContext>,
    caller: Caller,
) -> Result<Json<Vec<OwnRecord>>, Error> {
    let Caller::Device { id } = caller else {
        return Err(Error::Forbidden);
    };
    let rows: Vec<OwnRecord> = sqlx::query_as(
        "SELECT id, venue_id AS venue, kind, device_time_ms, flag, review FROM checkins
         WHERE device_id = $1 ORDER BY device_time_ms DESC, id LIMIT 1000",
    )
    .bind(id)
    .fetch_all(&ctx.pool)
    .await?;
    Ok(Json(rows))
}
