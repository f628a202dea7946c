//! `/api/venues/{venue}`: a venue's poster QR code, its display screen's
//! provisioning, and its roster.

use super::extract::parse_id;
use super::{ApiContext, Error};
use crate::access::Caller;
use crate::{db, keys, venue_qr};
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use baodao_core::event::{seed_to_hex, DisplayProvisioning, Proof, Roster, RosterEntry, VenueInfo};
use baodao_core::venue_code::ShortCode;
use baodao_core::venue_link::checkin_url;
use baodao_core::volunteer::mask_mobile;
use baodao_core::{CheckKind, EventId, VenueId};

pub fn router() -> Router<ApiContext> {
    Router::new()
        .route("/venues/{venue}/qr.svg", get(qr_svg))
        .route("/venues/{venue}/checkin", get(checkin_redirect))
        .route("/venues/{venue}/display", post(provision_display))
        .route("/venues/{venue}/checkins", get(roster))
}

/// The poster check-in URL of the venue in the path, with its static signed
/// code: for the venue's leads and organisers only, since whoever reads it
/// can check in from anywhere.
async fn poster_url(ctx: &ApiContext, caller: &Caller, raw: &str) -> Result<String, Error> {
    let (event, venue) = caller.lead_venue(ctx, raw).await?;
    let mut conn = ctx.pool.acquire().await?;
    let code = keys::poster_code(&mut conn, event, venue.id).await?;
    Ok(checkin_url(&ctx.public_url, &code))
}

/// Looks a venue up by the raw path segment.
pub(super) async fn find(ctx: &ApiContext, raw: &str) -> Result<(EventId, VenueInfo), Error> {
    let id: VenueId = parse_id(raw, Error::UnknownVenue)?;
    let row: (i64, String, Option<i64>, Option<String>) =
        sqlx::query_as("SELECT event_id, name, parent_id, short_code FROM venues WHERE id = $1")
            .bind(id.0 as i64)
            .fetch_optional(&ctx.pool)
            .await?
            .ok_or(Error::UnknownVenue)?;
    Ok((
        EventId(row.0 as u32),
        VenueInfo {
            id,
            name: row.1,
            parent: row.2.map(|p| VenueId(p as u32)),
            short_code: row.3.and_then(|c| ShortCode::parse(&c).ok()),
        },
    ))
}

async fn qr_svg(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(venue): Path<String>,
) -> Result<impl IntoResponse, Error> {
    // The static code valid for the event's dates, signed by the active key:
    // reprint after a key rotation.
    let url = poster_url(&ctx, &caller, &venue).await?;
    let svg = venue_qr::svg(&url).map_err(|e| anyhow::anyhow!("QR encoding failed: {e:?}"))?;
    Ok((
        [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")],
        svg,
    ))
}

/// `GET /api/venues/{venue}/checkin`: redirects to the poster's check-in URL
/// (the signed code is made here, not in the browser, which never holds a
/// signing key).
async fn checkin_redirect(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(venue): Path<String>,
) -> Result<impl IntoResponse, Error> {
    let url = poster_url(&ctx, &caller, &venue).await?;
    Ok((StatusCode::SEE_OTHER, [(header::LOCATION, url)]))
}

/// `POST /api/venues/{venue}/display`: a new key for this venue's display
/// screen, certified by the event's active key for the event's dates. The
/// screen keeps the answer and rotates codes offline from then on.
async fn provision_display(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(venue): Path<String>,
) -> Result<impl IntoResponse, Error> {
    let (event, venue) = caller.lead_venue(&ctx, &venue).await?;
    let mut tx = db::begin_write(&ctx.pool).await?;
    let p = keys::provision_display(&mut tx, event, venue.id).await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        // The seed is a secret: never let a proxy or the browser cache it.
        [(header::CACHE_CONTROL, "no-store")],
        Json(DisplayProvisioning {
            event,
            venue,
            seed: seed_to_hex(&p.seed),
            certificate: p.certificate,
            base_url: ctx.public_url.clone(),
        }),
    ))
}

/// A `checkins` row as a roster shows it (the lead's review queue too).
#[derive(sqlx::FromRow)]
pub(super) struct RosterRow {
    id: String,
    name: String,
    mobile: String,
    organisation: String,
    kind: String,
    device_time_ms: i64,
    flag: Option<String>,
    proof: Option<String>,
}

impl TryFrom<RosterRow> for RosterEntry {
    type Error = Error;
    fn try_from(r: RosterRow) -> Result<Self, Error> {
        Ok(RosterEntry {
            id: r
                .id
                .parse()
                .map_err(|e| anyhow::anyhow!("bad id in database: {e}"))?,
            name: r.name,
            mobile_masked: mask_mobile(&r.mobile),
            organisation: r.organisation,
            kind: CheckKind::parse(&r.kind)
                .ok_or_else(|| anyhow::anyhow!("bad kind in database"))?,
            device_time_ms: r.device_time_ms,
            flag: r.flag,
            proof: r.proof.as_deref().and_then(Proof::parse),
        })
    }
}

async fn roster(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(venue): Path<String>,
) -> Result<Json<Roster>, Error> {
    let (event, venue) = caller.lead_venue(&ctx, &venue).await?;
    let rows: Vec<RosterRow> = sqlx::query_as(
        // The time shown is the device time corrected by the phone's clock offset.
        "SELECT id, name, mobile, organisation, kind, checked_ms AS device_time_ms, flag, proof
         FROM checkins
         WHERE venue_id = $1 ORDER BY checked_ms DESC, id",
    )
    .bind(venue.id.0 as i64)
    .fetch_all(&ctx.pool)
    .await?;
    let entries = rows
        .into_iter()
        .map(RosterEntry::try_from)
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(Json(Roster {
        event,
        venue,
        entries,
    }))
}
