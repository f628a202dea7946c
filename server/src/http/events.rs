//! `/api/events`: what the widget caches about an event (including its public
//! keys and the venues' short codes), and the organiser's key rotation.

use super::extract::parse_id;
use super::{ApiContext, Error};
use crate::access::Caller;
use crate::organisation_initials::initials;
use crate::{db, keys};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use baodao_core::event::{EventInfo, VenueInfo};
use baodao_core::venue_code::{EventKeySet, KeyId, ShortCode};
use baodao_core::{EventId, VenueId};

pub fn router() -> Router<ApiContext> {
    Router::new()
        .route("/events", get(list))
        .route("/events/{event}", get(show))
        .route("/events/{event}/keys", post(create_key))
        .route("/events/{event}/keys/{key}/revoke", post(revoke_key))
}

/// `POST /api/events/{event}/keys`: adds a signing key; new posters and
/// display certificates use it, older keys' codes stay valid until revoked.
async fn create_key(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(event): Path<String>,
) -> Result<(StatusCode, Json<EventKeySet>), Error> {
    caller.require_organiser()?;
    let id: EventId = parse_id(&event, Error::UnknownEvent)?;
    let mut tx = db::begin_write(&ctx.pool).await?;
    keys::create_key(&mut tx, id).await?;
    let set = keys::key_set(&mut tx, id).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(set)))
}

/// `POST /api/events/{event}/keys/{key}/revoke`: codes and display
/// certificates signed by this key are refused from now on, at sync at once
/// and by phones once they have refreshed the event data.
async fn revoke_key(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path((event, key)): Path<(String, String)>,
) -> Result<Json<EventKeySet>, Error> {
    caller.require_organiser()?;
    let id: EventId = parse_id(&event, Error::UnknownEvent)?;
    let key: u8 = parse_id(&key, Error::UnknownKey)?;
    let mut tx = db::begin_write(&ctx.pool).await?;
    keys::revoke_key(&mut tx, id, KeyId(key)).await?;
    let set = keys::key_set(&mut tx, id).await?;
    tx.commit().await?;
    Ok(Json(set))
}

#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    name: String,
    starts_on: String,
    ends_on: String,
    time_zone: String,
    retention_days: i64,
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
    let row: EventRow = sqlx::query_as(
        "SELECT id, name, starts_on, ends_on, time_zone, retention_days FROM events WHERE id = $1",
    )
    .bind(id.0 as i64)
    .fetch_optional(&ctx.pool)
    .await?
    .ok_or(Error::UnknownEvent)?;
    let venues: Vec<(i64, String, Option<i64>, Option<String>)> = sqlx::query_as(
        "SELECT id, name, parent_id, short_code FROM venues WHERE event_id = $1 ORDER BY id",
    )
    .bind(row.id)
    .fetch_all(&ctx.pool)
    .await?;
    let organisations: Vec<String> =
        sqlx::query_scalar("SELECT name FROM organisations WHERE event_id = $1 ORDER BY id")
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
            .map(|(id, name, parent, short_code)| VenueInfo {
                id: VenueId(id as u32),
                name,
                parent: parent.map(|p| VenueId(p as u32)),
                short_code: short_code.and_then(|c| ShortCode::parse(&c).ok()),
            })
            .collect(),
        organisation_initials: organisations.iter().map(|o| initials(o)).collect(),
        organisations,
        retention_days: u32::try_from(row.retention_days).ok(),
        keys: Some(keys::key_set(&mut *ctx.pool.acquire().await?, id).await?),
    })
}
