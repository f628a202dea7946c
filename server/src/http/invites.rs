//! Lead invites: the organiser makes a link for some venues of an event,
//! lists the links, and revokes one (which ends its sessions at once).

use super::extract::{parse_id, ApiJson};
use super::{ApiContext, Error};
use crate::access::{self, Caller, Invite, MAX_INVITE_HOURS};
use crate::db::now_ms;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use baodao_core::{EventId, VenueId};
use serde::{Deserialize, Serialize};

pub fn router() -> Router<ApiContext> {
    Router::new()
        .route("/events/{event}/invites", get(list).post(create))
        .route("/invites/{id}/revoke", post(revoke))
}

#[derive(Deserialize)]
struct NewInvite {
    venues: Vec<u32>,
    #[serde(default)]
    label: String,
    expires_in_hours: Option<i64>,
}

/// An invite as answered; `url` (with the secret) only when it is made.
#[derive(Serialize)]
struct InviteAnswer {
    #[serde(flatten)]
    invite: Invite,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// The event of an organiser route, or 404.
pub(super) async fn organiser_event(
    ctx: &ApiContext,
    caller: &Caller,
    raw: &str,
) -> Result<EventId, Error> {
    caller.require_organiser()?;
    let id: EventId = parse_id(raw, Error::UnknownEvent)?;
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM events WHERE id = $1")
        .bind(i64::from(id.0))
        .fetch_one(&ctx.pool)
        .await?;
    if n == 0 {
        return Err(Error::UnknownEvent);
    }
    Ok(id)
}

async fn create(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(event): Path<String>,
    ApiJson(req): ApiJson<NewInvite>,
) -> Result<(StatusCode, Json<InviteAnswer>), Error> {
    let event = organiser_event(&ctx, &caller, &event).await?;
    if req.venues.is_empty() {
        return Err(Error::Unprocessable {
            code: "venues_empty",
            message: "name at least one venue".into(),
        });
    }
    let hours = req.expires_in_hours.unwrap_or(72);
    if !(1..=MAX_INVITE_HOURS).contains(&hours) {
        return Err(Error::Unprocessable {
            code: "expiry_invalid",
            message: format!("expires_in_hours must be 1 to {MAX_INVITE_HOURS}"),
        });
    }
    let mut tx = crate::db::begin_write(&ctx.pool).await?;
    for v in &req.venues {
        let n: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM venues WHERE id = $1 AND event_id = $2")
                .bind(i64::from(*v))
                .bind(i64::from(event.0))
                .fetch_one(&mut *tx)
                .await?;
        if n == 0 {
            return Err(Error::Unprocessable {
                code: "venue_unknown",
                message: format!("venue {v} is not a venue of this event"),
            });
        }
    }
    let venues: Vec<VenueId> = req.venues.iter().map(|v| VenueId(*v)).collect();
    let label = req.label.trim().chars().take(100).collect::<String>();
    let expires_ms = now_ms() + hours * 3600 * 1000;
    let (id, token) = access::create_invite(&mut tx, event, &venues, &label, expires_ms).await?;
    let invite = access::invites(&mut tx, None, Some(id)).await?.remove(0).1;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(InviteAnswer {
            invite,
            url: Some(format!("{}/lead#invite={token}", ctx.public_url)),
        }),
    ))
}

async fn list(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(event): Path<String>,
) -> Result<Json<Vec<Invite>>, Error> {
    let event = organiser_event(&ctx, &caller, &event).await?;
    let mut conn = ctx.pool.acquire().await?;
    Ok(Json(
        access::invites(&mut conn, Some(event), None)
            .await?
            .into_iter()
            .map(|(_, i)| i)
            .collect(),
    ))
}

async fn revoke(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Invite>, Error> {
    caller.require_organiser()?;
    let id: i64 = parse_id(&id, Error::NotFound)?;
    let mut tx = crate::db::begin_write(&ctx.pool).await?;
    if !access::revoke_invite(&mut tx, id).await? {
        return Err(Error::NotFound);
    }
    let invite = access::invites(&mut tx, None, Some(id)).await?.remove(0).1;
    tx.commit().await?;
    Ok(Json(invite))
}
