//! `/api/venues/{venue}`: a venue's QR code and its roster.

use super::extract::parse_id;
use super::{ApiContext, Error};
use crate::venue_qr;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use baodao_core::event::{Roster, RosterEntry, VenueInfo};
use baodao_core::venue_link::VenueRef;
use baodao_core::volunteer::mask_mobile;
use baodao_core::{CheckKind, EventId, VenueId};

pub fn router() -> Router<ApiContext> {
    Router::new()
        .route("/venues/{venue}/qr.svg", get(qr_svg))
        .route("/venues/{venue}/checkins", get(roster))
}

/// Looks a venue up by the raw path segment.
async fn find(ctx: &ApiContext, raw: &str) -> Result<(EventId, VenueInfo), Error> {
    let id: VenueId = parse_id(raw, Error::UnknownVenue)?;
    let row: (i64, String, Option<i64>) =
        sqlx::query_as("SELECT event_id, name, parent_id FROM venues WHERE id = ?")
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
        },
    ))
}

async fn qr_svg(
    State(ctx): State<ApiContext>,
    Path(venue): Path<String>,
) -> Result<impl IntoResponse, Error> {
    let (event, venue) = find(&ctx, &venue).await?;
    let url = VenueRef {
        event,
        venue: venue.id,
    }
    .checkin_url(&ctx.public_url);
    let svg = venue_qr::svg(&url).map_err(|e| anyhow::anyhow!("QR encoding failed: {e:?}"))?;
    Ok((
        [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")],
        svg,
    ))
}

#[derive(sqlx::FromRow)]
struct RosterRow {
    id: String,
    name: String,
    mobile: String,
    organisation: String,
    kind: String,
    device_time_ms: i64,
}

async fn roster(
    State(ctx): State<ApiContext>,
    Path(venue): Path<String>,
) -> Result<Json<Roster>, Error> {
    let (event, venue) = find(&ctx, &venue).await?;
    let rows: Vec<RosterRow> = sqlx::query_as(
        "SELECT id, name, mobile, organisation, kind, device_time_ms FROM checkins
         WHERE venue_id = ? ORDER BY device_time_ms DESC, id",
    )
    .bind(venue.id.0 as i64)
    .fetch_all(&ctx.pool)
    .await?;
    let entries = rows
        .into_iter()
        .map(|r| {
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
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(Json(Roster {
        event,
        venue,
        entries,
    }))
}
