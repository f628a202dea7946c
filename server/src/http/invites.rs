//! Lead invites: the organiser makes a link for some venues of an event,
//! or one link per venue for many venues at once, lists the links, and
//! revokes one (which ends its sessions at once).
//!
//! An invite lasts until the event is over unless the organiser says
//! otherwise: a lead made ready days before the event must not find the
//! link dead on the day.

use super::extract::{parse_id, ApiJson};
use super::{ApiContext, Error};
use crate::access::{self, Caller};
use crate::db::{now_ms, Connection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use baodao_core::invites::Invite;
use baodao_core::invites::{
    NewInvite, VenueInviteLink, VenueInvites, MAX_INVITE_HOURS, MAX_VENUE_INVITES,
};
use baodao_core::{EventId, VenueId};

pub fn router() -> Router<ApiContext> {
    Router::new()
        .route("/events/{event}/invites", get(list).post(create))
        .route("/events/{event}/invites/venues", post(create_per_venue))
        .route("/invites/{id}/revoke", post(revoke))
}

/// How long after the end of the event's last day (midnight, its time
/// zone) a default invite still works: the lead's evening check-outs and
/// the next morning's questions.
const END_MARGIN_HOURS: i64 = 12;
/// The shortest default lifetime, for an event already over or ending now.
const MIN_DEFAULT_HOURS: i64 = 24;

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

/// When an invite made `now_ms` expires: after `hours`, or by default
/// [`END_MARGIN_HOURS`] after the event's last day ends in its time zone
/// (at least [`MIN_DEFAULT_HOURS`] from now).
async fn expiry_ms(
    conn: &mut Connection,
    event: EventId,
    hours: Option<u32>,
    now_ms: i64,
) -> Result<i64, Error> {
    const HOUR_MS: i64 = 3600 * 1000;
    if let Some(hours) = hours {
        if !(1..=MAX_INVITE_HOURS).contains(&hours) {
            return Err(Error::Unprocessable {
                code: "expiry_invalid",
                message: format!("expires_in_hours must be 1 to {MAX_INVITE_HOURS}"),
            });
        }
        return Ok(now_ms + i64::from(hours) * HOUR_MS);
    }
    let (ends_on, zone): (String, String) =
        sqlx::query_as("SELECT ends_on, time_zone FROM events WHERE id = $1")
            .bind(i64::from(event.0))
            .fetch_one(&mut *conn)
            .await?;
    let tz = jiff::tz::TimeZone::get(&zone).unwrap_or(jiff::tz::TimeZone::UTC);
    let event_end_ms = ends_on
        .parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| d.tomorrow().ok())
        .and_then(|d| d.to_zoned(tz).ok())
        .map(|z| z.timestamp().as_millisecond());
    let floor = now_ms + MIN_DEFAULT_HOURS * HOUR_MS;
    Ok(event_end_ms.map_or(floor, |end| (end + END_MARGIN_HOURS * HOUR_MS).max(floor)))
}

/// The event's venues (id, name), in the order the console lists them.
async fn event_venues(
    conn: &mut Connection,
    event: EventId,
) -> Result<Vec<(VenueId, String)>, Error> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM venues WHERE event_id = $1 ORDER BY id")
            .bind(i64::from(event.0))
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| (VenueId(id as u32), name))
        .collect())
}

fn venue_unknown(v: VenueId) -> Error {
    Error::Unprocessable {
        code: "venue_unknown",
        message: format!("venue {v} is not a venue of this event"),
    }
}

fn venues_empty() -> Error {
    Error::Unprocessable {
        code: "venues_empty",
        message: "name at least one venue".into(),
    }
}

fn clean_label(label: &str) -> String {
    label.trim().chars().take(100).collect()
}

async fn create(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(event): Path<String>,
    ApiJson(req): ApiJson<NewInvite>,
) -> Result<(StatusCode, Json<Invite>), Error> {
    let event = organiser_event(&ctx, &caller, &event).await?;
    if req.venues.is_empty() {
        return Err(venues_empty());
    }
    let mut tx = crate::db::begin_write(&ctx.pool).await?;
    let expires_ms = expiry_ms(&mut tx, event, req.expires_in_hours, now_ms()).await?;
    let known = event_venues(&mut tx, event).await?;
    if let Some(v) = req
        .venues
        .iter()
        .find(|v| !known.iter().any(|k| k.0 == **v))
    {
        return Err(venue_unknown(*v));
    }
    let label = clean_label(&req.label);
    let (id, token) =
        access::create_invite(&mut tx, event, &req.venues, &label, expires_ms).await?;
    let mut invite = access::invites(&mut tx, None, Some(id)).await?.remove(0).1;
    tx.commit().await?;
    invite.url = Some(format!("{}/lead#invite={token}", ctx.public_url));
    Ok((StatusCode::CREATED, Json(invite)))
}

/// One invite per venue, in one transaction: all of them or none.
async fn create_per_venue(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(event): Path<String>,
    ApiJson(req): ApiJson<VenueInvites>,
) -> Result<(StatusCode, Json<Vec<VenueInviteLink>>), Error> {
    let event = organiser_event(&ctx, &caller, &event).await?;
    if req
        .venues
        .as_ref()
        .is_some_and(|v| v.len() > MAX_VENUE_INVITES)
    {
        return Err(too_many_venues());
    }
    let mut tx = crate::db::begin_write(&ctx.pool).await?;
    let expires_ms = expiry_ms(&mut tx, event, req.expires_in_hours, now_ms()).await?;
    let known = event_venues(&mut tx, event).await?;
    let chosen: Vec<(VenueId, String)> = match &req.venues {
        None => known,
        Some(wanted) => {
            if let Some(v) = wanted.iter().find(|v| !known.iter().any(|k| k.0 == **v)) {
                return Err(venue_unknown(*v));
            }
            known
                .into_iter()
                .filter(|k| wanted.contains(&k.0))
                .collect()
        }
    };
    if chosen.is_empty() {
        return Err(venues_empty());
    }
    if chosen.len() > MAX_VENUE_INVITES {
        return Err(too_many_venues());
    }
    let label = clean_label(&req.label);
    let mut links = Vec::with_capacity(chosen.len());
    for (venue, venue_name) in chosen {
        let label = if label.is_empty() {
            &venue_name
        } else {
            &label
        };
        let (id, token) =
            access::create_invite(&mut tx, event, &[venue], label, expires_ms).await?;
        links.push(VenueInviteLink {
            venue,
            venue_name,
            invite: id,
            url: format!("{}/lead#invite={token}", ctx.public_url),
            expires_ms,
        });
    }
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(links)))
}

fn too_many_venues() -> Error {
    Error::Unprocessable {
        code: "too_many_venues",
        message: format!("at most {MAX_VENUE_INVITES} invites at once"),
    }
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
