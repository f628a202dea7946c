//! The organiser's dashboard: totals, per venue and per
//! organisation, check-ins over time, the alerts that need someone (venues
//! no one has checked in at, leads who never signed in, check-ins waiting
//! for review, people still present after closing), and a live feed — by
//! polling with a cursor or as server-sent events.
//!
//! The stream keeps nothing another replica would need: each connection
//! polls the database itself, so a load balancer may send the organiser's
//! page to any replica, and a reconnect resumes from `Last-Event-ID`.

use super::auth::bearer_token;
use super::invites::organiser_event;
use super::{ApiContext, Error};
use crate::access::{self, Authentication, Caller};
use crate::attendance::{self, RecordRow, RECORD_COLUMNS};
use crate::db::now_ms;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::get;
use axum::{Json, Router};
use baodao_core::dashboard::{
    Alerts, Bucket, Counts, Dashboard, OrganisationCounts, Timeline, UnusedInvite, VenueCounts,
    VenueTally,
};
use baodao_core::volunteer::mask_mobile;
use baodao_core::{CheckKind, EventId, VenueId};
use futures_util::stream::{self, Stream, StreamExt};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::convert::Infallible;
use std::time::Duration;

/// How often a live connection checks the database for news.
pub const LIVE_POLL: Duration = Duration::from_secs(2);
/// Most feed items per answer.
const FEED_PAGE: i64 = 500;

pub fn router() -> Router<ApiContext> {
    Router::new()
        .route("/events/{event}/dashboard", get(dashboard))
        .route("/events/{event}/feed", get(feed))
        .route("/events/{event}/live", get(live))
}

#[derive(Deserialize)]
struct DashboardQuery {
    bucket_minutes: Option<i64>,
}

/// Most buckets a timeline has (longer spans get wider buckets).
const MAX_BUCKETS: i64 = 2_000;

async fn build(ctx: &ApiContext, event: EventId, bucket_minutes: i64) -> Result<Dashboard, Error> {
    let mut conn = ctx.pool.acquire().await?;
    let venues: Vec<(i64, String, Option<i64>, Option<String>)> = sqlx::query_as(
        "SELECT id, name, parent_id, closes_at FROM venues WHERE event_id = $1 ORDER BY id",
    )
    .bind(i64::from(event.0))
    .fetch_all(&mut *conn)
    .await?;
    let listed: BTreeSet<String> =
        sqlx::query_scalar::<_, String>("SELECT name FROM organisations WHERE event_id = $1")
            .bind(i64::from(event.0))
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .collect();
    let records = attendance::records(&mut conn, event, None).await?;
    let people = attendance::people_by_mobile(&records, event);

    let mut totals = Counts::default();
    let mut per_venue: BTreeMap<VenueId, Counts> = BTreeMap::new();
    let mut per_org: BTreeMap<String, Counts> = BTreeMap::new();
    for p in &people {
        totals.add(p.checked_in(), p.present_anywhere());
        per_org
            .entry(p.organisation().to_string())
            .or_default()
            .add(p.checked_in(), p.present_anywhere());
        for (v, stay) in &p.stays {
            per_venue
                .entry(*v)
                .or_default()
                .add(stay.checked_in(), stay.present());
        }
    }

    let counted: Vec<_> = records
        .iter()
        .filter(|r| r.review.as_deref() != Some("rejected"))
        .collect();
    let mut bucket_ms = bucket_minutes.clamp(5, 1440) * 60_000;
    let mut buckets = Vec::new();
    if let (Some(first), Some(last)) = (
        counted.iter().map(|r| r.device_time_ms).min(),
        counted.iter().map(|r| r.device_time_ms).max(),
    ) {
        while (last - first) / bucket_ms >= MAX_BUCKETS {
            bucket_ms *= 2;
        }
        let start = first.div_euclid(bucket_ms) * bucket_ms;
        let n = (last - start) / bucket_ms + 1;
        buckets = (0..n)
            .map(|i| Bucket {
                start_ms: start + i * bucket_ms,
                check_ins: 0,
                check_outs: 0,
            })
            .collect();
        for r in &counted {
            let b = &mut buckets[((r.device_time_ms - start) / bucket_ms) as usize];
            match r.kind {
                CheckKind::In => b.check_ins += 1,
                CheckKind::Out => b.check_outs += 1,
            }
        }
    }
    let cursor = records
        .iter()
        .max_by(|a, b| (a.received_ms, a.id.to_string()).cmp(&(b.received_ms, b.id.to_string())))
        .map(|r| Cursor {
            received_ms: r.received_ms,
            id: r.id.to_string(),
        })
        .unwrap_or_default();
    let venues: Vec<VenueCounts> = venues
        .into_iter()
        .map(|(id, name, parent, closes_at)| {
            let id = VenueId(id as u32);
            VenueCounts {
                id,
                name,
                parent: parent.map(|p| VenueId(p as u32)),
                closes_at,
                counts: per_venue.get(&id).copied().unwrap_or_default(),
            }
        })
        .collect();
    let now = now_ms();
    let alerts = alerts(&mut conn, event, &venues, now).await?;
    Ok(Dashboard {
        event,
        generated_ms: now,
        cursor: cursor.to_text(),
        totals,
        venues,
        organisations: per_org
            .into_iter()
            .map(|(name, counts)| OrganisationCounts {
                unlisted: !listed.contains(&name),
                name,
                counts,
            })
            .collect(),
        timeline: Timeline { bucket_ms, buckets },
        alerts,
    })
}

/// What needs the organiser's attention; `venues` carries the counts.
async fn alerts(
    conn: &mut crate::db::Connection,
    event: EventId,
    venues: &[VenueCounts],
    now: i64,
) -> Result<Alerts, Error> {
    let id = i64::from(event.0);
    // Sessions are never deleted (a revoked one keeps its row), so an
    // invite without any was never redeemed.
    let unused: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT i.id, i.label, i.expires_ms FROM lead_invites i
         WHERE i.event_id = $1 AND i.revoked_ms IS NULL AND i.expires_ms > $2
           AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.invite_id = i.id)
         ORDER BY i.id",
    )
    .bind(id)
    .bind(now)
    .fetch_all(&mut *conn)
    .await?;
    let invite_venues: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT v.invite_id, v.venue_id FROM lead_invite_venues v
         JOIN lead_invites i ON i.id = v.invite_id WHERE i.event_id = $1
         ORDER BY v.venue_id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let pending: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT venue_id, COUNT(*) FROM checkins
         WHERE event_id = $1 AND flag IS NOT NULL AND review IS NULL
         GROUP BY venue_id ORDER BY venue_id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let zone: String = sqlx::query_scalar("SELECT time_zone FROM events WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    Ok(Alerts {
        no_check_ins: venues
            .iter()
            .filter(|v| v.counts.checked_in == 0)
            .map(|v| v.id)
            .collect(),
        leads_not_signed_in: unused
            .into_iter()
            .map(|(invite, label, expires_ms)| UnusedInvite {
                id: invite,
                label,
                venues: invite_venues
                    .iter()
                    .filter(|(i, _)| *i == invite)
                    .map(|(_, v)| VenueId(*v as u32))
                    .collect(),
                expires_ms,
            })
            .collect(),
        pending_review: pending
            .into_iter()
            .map(|(venue, count)| VenueTally {
                venue: VenueId(venue as u32),
                count: count as u32,
            })
            .collect(),
        present_after_closing: venues
            .iter()
            .filter(|v| v.counts.present > 0)
            .filter(|v| {
                v.closes_at.as_deref().is_some_and(|c| {
                    crate::auto_checkout::closing_today_ms(now, c, &zone)
                        .is_some_and(|closing| closing <= now)
                })
            })
            .map(|v| VenueTally {
                venue: v.id,
                count: v.counts.present,
            })
            .collect(),
    })
}

async fn dashboard(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(event): Path<String>,
    Query(q): Query<DashboardQuery>,
) -> Result<Json<Dashboard>, Error> {
    let event = organiser_event(&ctx, &caller, &event).await?;
    Ok(Json(
        build(&ctx, event, q.bucket_minutes.unwrap_or(15)).await?,
    ))
}

#[derive(Serialize, Clone)]
struct FeedItem {
    id: String,
    venue: i64,
    kind: String,
    origin: String,
    device_time_ms: i64,
    received_ms: i64,
    name: String,
    mobile_masked: String,
    organisation: String,
    flag: Option<String>,
}

#[derive(Serialize)]
struct Feed {
    cursor: String,
    items: Vec<FeedItem>,
}

/// A feed position: the last item's `received_ms` and id. Every write
/// transaction stamps `received_ms` while holding the write lock, later than
/// any stamp stored before ([`crate::db::write_clock_ms`]), so stamps follow
/// commit order, a transaction's rows are the only ones with its stamp, and
/// paging by it skips nothing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Cursor {
    received_ms: i64,
    id: String,
}

impl Cursor {
    fn parse(raw: &str) -> Option<Cursor> {
        let (ms, id) = raw.trim().split_once('~').unwrap_or((raw.trim(), ""));
        Some(Cursor {
            received_ms: ms.parse().ok()?,
            id: id.to_string(),
        })
    }
    /// A cursor a client sent: one we never made is refused, not read as
    /// "from the start" (which would answer the whole feed).
    fn parse_or_refuse(raw: &str) -> Result<Cursor, Error> {
        Cursor::parse(raw).ok_or_else(|| Error::Malformed("`after` is not a feed position".into()))
    }
    fn to_text(&self) -> String {
        format!("{}~{}", self.received_ms, self.id)
    }
}

/// Records received after `after`, oldest first, a page at a time; without
/// `after`, the latest 50.
async fn read_feed(
    ctx: &ApiContext,
    event: EventId,
    after: Option<&Cursor>,
) -> Result<Feed, Error> {
    let mut conn = ctx.pool.acquire().await?;
    let rows: Vec<attendance::Record> = {
        let rows: Vec<RecordRow> = match after {
            Some(after) => {
                sqlx::query_as(&format!(
                    "SELECT {RECORD_COLUMNS} FROM checkins
                     WHERE event_id = $1 AND (received_ms > $2 OR (received_ms = $3 AND id > $4))
                     ORDER BY received_ms, id LIMIT $5"
                ))
                .bind(i64::from(event.0))
                .bind(after.received_ms)
                .bind(after.received_ms)
                .bind(&after.id)
                .bind(FEED_PAGE)
                .fetch_all(&mut *conn)
                .await?
            }
            None => {
                let mut rows: Vec<RecordRow> = sqlx::query_as(&format!(
                    "SELECT {RECORD_COLUMNS} FROM checkins WHERE event_id = $1
                     ORDER BY received_ms DESC, id DESC LIMIT 50"
                ))
                .bind(i64::from(event.0))
                .fetch_all(&mut *conn)
                .await?;
                rows.reverse();
                rows
            }
        };
        rows.into_iter()
            .map(attendance::Record::try_from)
            .collect::<anyhow::Result<_>>()?
    };
    let cursor = match rows.last() {
        Some(r) => Cursor {
            received_ms: r.received_ms,
            id: r.id.to_string(),
        },
        None => after.cloned().unwrap_or_default(),
    };
    Ok(Feed {
        cursor: cursor.to_text(),
        items: rows
            .into_iter()
            .map(|r| FeedItem {
                id: r.id.to_string(),
                venue: i64::from(r.venue.0),
                kind: r.kind.as_str().to_string(),
                origin: r.origin,
                device_time_ms: r.device_time_ms,
                received_ms: r.received_ms,
                name: r.name,
                mobile_masked: mask_mobile(&r.mobile),
                organisation: r.organisation,
                flag: r.flag,
            })
            .collect(),
    })
}

#[derive(Deserialize)]
struct FeedQuery {
    after: Option<String>,
}

async fn feed(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(event): Path<String>,
    Query(q): Query<FeedQuery>,
) -> Result<Json<Feed>, Error> {
    let event = organiser_event(&ctx, &caller, &event).await?;
    let after = q
        .after
        .as_deref()
        .map(Cursor::parse_or_refuse)
        .transpose()?;
    Ok(Json(read_feed(&ctx, event, after.as_ref()).await?))
}

/// What one live connection remembers between polls (its own, not shared).
struct LiveState {
    ctx: ApiContext,
    /// The caller's token, checked again before every push: a stream must
    /// end with the session it was opened with (logout, revoked invite).
    token: String,
    event: EventId,
    cursor: Option<Cursor>,
    /// The database's state at the last dashboard sent.
    last_signature: Option<Signature>,
    first: bool,
}

/// What the dashboard depends on: the records, their reviews, the leads'
/// sign-ins, and the minute (a closing time passing changes the alerts).
type Signature = (i64, i64, i64, i64, i64);

async fn signature(ctx: &ApiContext, event: EventId) -> Result<Signature, sqlx::Error> {
    let (count, received, reviewed): (i64, i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COALESCE(MAX(received_ms), 0), COALESCE(MAX(reviewed_ms), 0)
         FROM checkins WHERE event_id = $1",
    )
    .bind(i64::from(event.0))
    .fetch_one(&ctx.pool)
    .await?;
    let sign_ins: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sessions s JOIN lead_invites i ON i.id = s.invite_id
         WHERE i.event_id = $1",
    )
    .bind(i64::from(event.0))
    .fetch_one(&ctx.pool)
    .await?;
    Ok((count, received, reviewed, sign_ins, now_ms() / 60_000))
}

/// One poll: the events to send now, or `None` once the session that
/// opened the stream is no longer valid.
async fn poll(state: &mut LiveState) -> Option<Vec<Event>> {
    if !state.first {
        tokio::time::sleep(LIVE_POLL).await;
    }
    state.first = false;
    match access::authenticate(&state.ctx.pool, &state.token).await {
        Ok(Authentication::Valid(_)) => {}
        Ok(_) => return None,
        Err(e) => {
            tracing::error!(error = %e, "live dashboard session check");
            return Some(Vec::new());
        }
    }
    Some(news(state).await)
}

/// What changed since the last push: new records, then the dashboard.
async fn news(state: &mut LiveState) -> Vec<Event> {
    let mut out = Vec::new();
    let sig = match signature(&state.ctx, state.event).await {
        Ok(s) => s,
        Err(e) => {
            tracing::error!(error = %e, "live dashboard poll");
            return out;
        }
    };
    if state.last_signature == Some(sig) {
        return out;
    }
    state.last_signature = Some(sig);
    // Every page of news (a reconnect after a burst may have thousands).
    loop {
        let Ok(feed) = read_feed(&state.ctx, state.event, state.cursor.as_ref()).await else {
            break;
        };
        let full = feed.items.len() as i64 >= FEED_PAGE;
        for item in feed.items {
            let at = Cursor {
                received_ms: item.received_ms,
                id: item.id.clone(),
            };
            if let Ok(e) = Event::default()
                .event("checkin")
                .id(at.to_text())
                .json_data(&item)
            {
                out.push(e);
            }
        }
        state.cursor = Cursor::parse(&feed.cursor);
        if !full {
            break;
        }
    }
    match build(&state.ctx, state.event, 15).await {
        Ok(d) => {
            if let Ok(e) = Event::default().event("dashboard").json_data(&d) {
                out.push(e);
            }
        }
        Err(e) => tracing::error!(error = %e, "live dashboard"),
    }
    out
}

async fn live(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(event): Path<String>,
    headers: HeaderMap,
    Query(q): Query<FeedQuery>,
) -> Result<
    (
        [(&'static str, &'static str); 1],
        Sse<impl Stream<Item = Result<Event, Infallible>>>,
    ),
    Error,
> {
    let event = organiser_event(&ctx, &caller, &event).await?;
    let resume = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .or(q.after.as_deref());
    let state = LiveState {
        ctx,
        token: bearer_token(&headers).unwrap_or_default().to_string(),
        event,
        // No resume point: the latest 50, then whatever comes.
        cursor: resume.and_then(Cursor::parse),
        last_signature: None,
        first: true,
    };
    let events = stream::unfold(state, |mut state| async move {
        let batch = poll(&mut state).await?;
        Some((stream::iter(batch.into_iter().map(Ok)), state))
    })
    .flatten();
    let sse = Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)));
    // nginx would hold events back in its buffer: this asks it not to, so a
    // reverse proxy needs no special rule for this route (docs/deploy.md).
    Ok(([("x-accel-buffering", "no")], sse))
}
