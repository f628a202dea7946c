//! `/api/events`: what the widget caches about an event.

use super::extract::parse_id;
use super::{ApiContext, Error};
use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use baodao_core::event::{EventInfo, VenueInfo};
use baodao_core::{EventId, VenueId};

pub fn router() -> Router<ApiContext> {
    Router::new()
        .route("/events", get(list))
        .route("/events/{event}", get(show))
}

#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    name: String,
    starts_on: String,
    ends_on: String,
    time_zone: String,
}

async fn list(State(ctx): State<ApiContext>) -> Result<Json<Vec<EventInfo>>, Error> {
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM events ORDER BY id")
        .fetch_all(&ctx.pool)
        .await?;
    let mut events = Vec::with_capacity(ids.len());
    for id in ids {
        events.push(load(&ctx, EventId(id as u32)).await?);
    }
    Ok(Json(events))
}

async fn show(
    State(ctx): State<ApiContext>,
    Path(event): Path<String>,
) -> Result<Json<EventInfo>, Error> {
    let id: EventId = parse_id(&event, Error::UnknownEvent)?;
    Ok(Json(load(&ctx, id).await?))
}

pub(super) async fn load(ctx: &ApiContext, id: EventId) -> Result<EventInfo, Error> {
    let row: EventRow =
        sqlx::query_as("SELECT id, name, starts_on, ends_on, time_zone FROM events WHERE id = ?")
            .bind(id.0 as i64)
            .fetch_optional(&ctx.pool)
            .await?
            .ok_or(Error::UnknownEvent)?;
    let venues: Vec<(i64, String, Option<i64>)> =
        sqlx::query_as("SELECT id, name, parent_id FROM venues WHERE event_id = ? ORDER BY id")
            .bind(row.id)
            .fetch_all(&ctx.pool)
            .await?;
    let organisations: Vec<String> =
        sqlx::query_scalar("SELECT name FROM organisations WHERE event_id = ? ORDER BY id")
            .bind(row.id)
            .fetch_all(&ctx.pool)
            .await?;
    Ok(EventInfo {
        id,
        name: row.name,
        starts_on: row.starts_on,
        ends_on: row.ends_on,
        time_zone: row.time_zone,
        venues: venues
            .into_iter()
            .map(|(id, name, parent)| VenueInfo {
                id: VenueId(id as u32),
                name,
                parent: parent.map(|p| VenueId(p as u32)),
            })
            .collect(),
        organisations,
    })
}
