//! The venue lead's API: the venue and its poster, the live roster
//! per person, finding people for assisted check-in, the review queue, and
//! checking everyone out. Assisted check-ins themselves go through
//! `POST /api/sync` with the lead's session ([`super::sync`]).

use super::extract::{parse_id, ApiJson};
use super::invites::organiser_event;
use super::venues::RosterRow;
use super::{ApiContext, Error};
use crate::access::Caller;
use crate::attendance::{self, hours, Person};
use crate::db::now_ms;
use crate::keys;
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use baodao_core::event::{RosterEntry, VenueInfo};
use baodao_core::venue_link::checkin_url;
use baodao_core::venues::{self, People, PeopleCounts, PersonStatus, Poster, VenueDetail};
use baodao_core::volunteer::mask_mobile;
use baodao_core::{EventId, VenueId, Volunteer};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub fn router() -> Router<ApiContext> {
    Router::new()
        .route("/venues/{venue}", get(venue_detail))
        .route("/venues/{venue}/poster", get(poster))
        .route("/events/{event}/posters", get(posters))
        .route("/venues/{venue}/people", get(people))
        .route("/venues/{venue}/volunteers", get(volunteers))
        .route("/venues/{venue}/review", get(review_queue))
        .route("/checkins/{id}/review", post(review))
        .route("/venues/{venue}/checkout-all", post(checkout_all))
}

/// A venue's detail, with what only its poster prints.
async fn detail(
    ctx: &ApiContext,
    event: EventId,
    venue: VenueInfo,
) -> Result<(VenueDetail, Poster), Error> {
    let mut conn = ctx.pool.acquire().await?;
    #[allow(clippy::type_complexity)]
    let (event_name, time_zone, starts_on, ends_on, closes_at, contact, main_venue): (
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    ) = sqlx::query_as(
        "SELECT e.name, e.time_zone, e.starts_on, e.ends_on, v.closes_at, v.contact, p.name
         FROM venues v JOIN events e ON e.id = v.event_id
         LEFT JOIN venues p ON p.id = v.parent_id WHERE v.id = $1",
    )
    .bind(i64::from(venue.id.0))
    .fetch_one(&mut *conn)
    .await?;
    let poster_code = keys::poster_code(&mut conn, event, venue.id).await?;
    let checkin_url = checkin_url(&ctx.public_url, &poster_code);
    let poster = Poster {
        venue: venue.clone(),
        main_venue: main_venue.clone(),
        event_name: event_name.clone(),
        starts_on,
        ends_on,
        contact,
        short_code: venue.short_code.as_ref().map(|c| c.as_str().to_string()),
        checkin_url: checkin_url.clone(),
    };
    let detail = VenueDetail {
        checkin_url,
        venue,
        event,
        event_name,
        main_venue,
        closes_at,
        time_zone,
        poster_code,
    };
    Ok((detail, poster))
}

async fn venue_detail(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(venue): Path<String>,
) -> Result<Json<VenueDetail>, Error> {
    let (event, venue) = caller.lead_venue(&ctx, &venue).await?;
    Ok(Json(detail(&ctx, event, venue).await?.0))
}

async fn poster(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(venue): Path<String>,
) -> Result<Json<Poster>, Error> {
    let (event, venue) = caller.lead_venue(&ctx, &venue).await?;
    Ok(Json(detail(&ctx, event, venue).await?.1))
}

async fn posters(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(event): Path<String>,
) -> Result<Json<Vec<Poster>>, Error> {
    let event = organiser_event(&ctx, &caller, &event).await?;
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM venues WHERE event_id = $1 ORDER BY id")
        .bind(i64::from(event.0))
        .fetch_all(&ctx.pool)
        .await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let (event, venue) = super::venues::find(&ctx, &id.to_string()).await?;
        out.push(detail(&ctx, event, venue).await?.1);
    }
    Ok(Json(out))
}

#[derive(Deserialize)]
struct PeopleQuery {
    #[serde(default)]
    q: String,
    status: Option<String>,
}

/// Whether a person matches a search: a name substring, or 4+ digits of
/// the mobile.
fn matches(q: &str, name: &str, mobile: &str) -> bool {
    let q = q.trim();
    if q.is_empty() {
        return true;
    }
    let digits: String = q.chars().filter(char::is_ascii_digit).collect();
    if digits.len() >= 4
        && digits.len()
            == q.chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .count()
    {
        return mobile.contains(&digits);
    }
    name.to_lowercase().contains(&q.to_lowercase())
}

async fn people(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(venue): Path<String>,
    Query(query): Query<PeopleQuery>,
) -> Result<Json<People>, Error> {
    let (event, venue) = caller.lead_venue(&ctx, &venue).await?;
    let mut conn = ctx.pool.acquire().await?;
    let records = attendance::records(&mut conn, event, Some(venue.id)).await?;
    let all = attendance::people(&records, event);
    let stay_of = |p: &Person| p.stays.get(&venue.id).cloned();
    let present = all
        .iter()
        .filter(|p| p.stays.values().any(|s| s.present()))
        .count();
    let total = all.iter().filter(|p| p.checked_in()).count();
    let mut lines: Vec<venues::Person> = all
        .iter()
        .filter(|p| matches(&query.q, &p.name, &p.mobile))
        .filter_map(|p| {
            let stay = stay_of(p)?;
            let status = if stay.present() {
                PersonStatus::Present
            } else {
                PersonStatus::Left
            };
            let wanted = match query.status.as_deref() {
                Some("present") => status == PersonStatus::Present,
                Some("left") => status == PersonStatus::Left,
                _ => true,
            };
            wanted.then(|| venues::Person {
                name: p.name.clone(),
                mobile_masked: mask_mobile(&p.mobile),
                organisation: stay.last().organisation.clone(),
                status,
                first_in_ms: stay.first_in_ms(),
                last_ms: stay.last().device_time_ms,
                hours: hours(stay.hours_ms()),
                last_record: stay.last().id,
                flagged: stay.flagged(),
                proof: stay.proof(),
            })
        })
        .collect();
    lines.sort_by(|a, b| {
        (
            a.status != PersonStatus::Present,
            std::cmp::Reverse(a.last_ms),
        )
            .cmp(&(
                b.status != PersonStatus::Present,
                std::cmp::Reverse(b.last_ms),
            ))
    });
    Ok(Json(People {
        counts: PeopleCounts {
            present: present as u32,
            left: total.saturating_sub(present) as u32,
            total: total as u32,
        },
        people: lines,
    }))
}

#[derive(Deserialize)]
struct SearchQuery {
    #[serde(default)]
    q: String,
}

#[derive(Serialize)]
struct Match {
    volunteer: Volunteer,
    present: bool,
    last_ms: i64,
}

/// Most matches answered.
const MAX_MATCHES: usize = 20;

async fn volunteers(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(venue): Path<String>,
    Query(query): Query<SearchQuery>,
) -> Result<Json<Vec<Match>>, Error> {
    let (event, venue) = caller.lead_venue(&ctx, &venue).await?;
    let q = query.q.trim();
    if q.is_empty() {
        return Ok(Json(Vec::new()));
    }
    let full_mobile = baodao_core::volunteer::normalise_mobile(q);
    let full_mobile =
        baodao_core::volunteer::is_mainland_mobile(&full_mobile).then_some(full_mobile);
    let mut conn = ctx.pool.acquire().await?;
    let records = attendance::records(&mut conn, event, None).await?;
    let mut found: Vec<Match> = attendance::people(&records, event)
        .into_iter()
        .filter(|p| {
            // People seen at this lead's venues; others only by their full number.
            let seen_here = p.stays.keys().any(|v| caller.leads(*v));
            if seen_here {
                matches(q, &p.name, &p.mobile)
            } else {
                full_mobile.as_deref() == Some(p.mobile.as_str())
            }
        })
        .map(|p| {
            let last = p
                .stays
                .values()
                .map(|s| s.last())
                .max_by_key(|r| (r.device_time_ms, r.id))
                .expect("a person has records");
            Match {
                volunteer: Volunteer {
                    name: p.name.clone(),
                    mobile: p.mobile.clone(),
                    organisation: last.organisation.clone(),
                },
                present: p.stays.get(&venue.id).is_some_and(|s| s.present()),
                last_ms: last.device_time_ms,
            }
        })
        .collect();
    found.sort_by_key(|m| std::cmp::Reverse(m.last_ms));
    found.truncate(MAX_MATCHES);
    Ok(Json(found))
}

/// A stored record as a roster line, with its review.
#[derive(Serialize)]
struct ReviewedEntry {
    #[serde(flatten)]
    entry: RosterEntry,
    venue: VenueId,
    origin: String,
    review: Option<String>,
    review_note: Option<String>,
    reviewed_ms: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct ReviewRow {
    #[sqlx(flatten)]
    entry: RosterRow,
    venue_id: i64,
    origin: String,
    review: Option<String>,
    review_note: Option<String>,
    reviewed_ms: Option<i64>,
}

const REVIEW_COLUMNS: &str =
    "id, venue_id, name, mobile, organisation, kind, device_time_ms, flag, proof, \
     origin, review, review_note, reviewed_ms";

impl TryFrom<ReviewRow> for ReviewedEntry {
    type Error = Error;
    fn try_from(r: ReviewRow) -> Result<Self, Error> {
        Ok(ReviewedEntry {
            entry: r.entry.try_into()?,
            venue: VenueId(r.venue_id as u32),
            origin: r.origin,
            review: r.review,
            review_note: r.review_note,
            reviewed_ms: r.reviewed_ms,
        })
    }
}

async fn review_queue(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(venue): Path<String>,
) -> Result<Json<Vec<ReviewedEntry>>, Error> {
    let (_, venue) = caller.lead_venue(&ctx, &venue).await?;
    let rows: Vec<ReviewRow> = sqlx::query_as(&format!(
        "SELECT {REVIEW_COLUMNS} FROM checkins
         WHERE venue_id = $1 AND flag IS NOT NULL AND review IS NULL
         ORDER BY device_time_ms, id"
    ))
    .bind(i64::from(venue.id.0))
    .fetch_all(&ctx.pool)
    .await?;
    Ok(Json(
        rows.into_iter()
            .map(ReviewedEntry::try_from)
            .collect::<Result<_, _>>()?,
    ))
}

/// Longest review note.
const MAX_NOTE_CHARS: usize = 500;

#[derive(Deserialize)]
struct ReviewDecision {
    decision: String,
    #[serde(default)]
    note: String,
}

async fn review(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<ReviewDecision>,
) -> Result<Json<ReviewedEntry>, Error> {
    let id: Uuid = parse_id(&id, Error::NotFound)?;
    let decision = match req.decision.as_str() {
        "accept" => "accepted",
        "reject" => "rejected",
        _ => {
            return Err(Error::Unprocessable {
                code: "decision_invalid",
                message: "decision is \"accept\" or \"reject\"".into(),
            })
        }
    };
    let note = req.note.trim();
    if decision == "rejected" && note.is_empty() {
        return Err(Error::Unprocessable {
            code: "note_required",
            message: "say why the record is rejected".into(),
        });
    }
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(Error::Unprocessable {
            code: "note_too_long",
            message: format!("at most {MAX_NOTE_CHARS} characters"),
        });
    }
    let mut tx = crate::db::begin_write(&ctx.pool).await?;
    let venue: Option<i64> = sqlx::query_scalar("SELECT venue_id FROM checkins WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(&mut *tx)
        .await?;
    let venue = venue.ok_or(Error::NotFound)?;
    if !caller.leads(VenueId(venue as u32)) {
        return Err(Error::Forbidden);
    }
    sqlx::query(
        "UPDATE checkins SET review = $1, review_note = $2, reviewed_ms = $3 WHERE id = $4",
    )
    .bind(decision)
    .bind(note)
    .bind(now_ms())
    .bind(id.to_string())
    .execute(&mut *tx)
    .await?;
    let row: ReviewRow = sqlx::query_as(&format!(
        "SELECT {REVIEW_COLUMNS} FROM checkins WHERE id = $1"
    ))
    .bind(id.to_string())
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Json(row.try_into()?))
}

#[derive(Serialize)]
struct CheckedOut {
    checked_out: usize,
}

async fn checkout_all(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(venue): Path<String>,
) -> Result<Json<CheckedOut>, Error> {
    let (event, venue) = caller.lead_venue(&ctx, &venue).await?;
    let now = now_ms();
    // Presence read and check-outs written under one write lock, so a
    // check-in synced meanwhile is either checked out or left alone, never
    // half-done.
    let mut tx = crate::db::begin_write(&ctx.pool).await?;
    let records = attendance::records(&mut tx, event, Some(venue.id)).await?;
    let received_ms = crate::db::write_clock_ms(&mut tx).await?;
    let mut n = 0;
    for person in attendance::people(&records, event) {
        let Some(stay) = person.stays.get(&venue.id).filter(|s| s.present()) else {
            continue;
        };
        let last = stay.last();
        let random: [u8; 16] = crate::keys::random_seed()?[..16]
            .try_into()
            .expect("16 bytes");
        let id = uuid::Builder::from_random_bytes(random).into_uuid();
        crate::auto_checkout::insert_checkout(
            &mut tx,
            crate::auto_checkout::CheckOut {
                id,
                event,
                venue: venue.id,
                at_ms: now.max(last.device_time_ms),
                name: &person.name,
                mobile: &person.mobile,
                organisation: &last.organisation,
                origin: "lead_all",
                received_ms,
            },
        )
        .await?;
        n += 1;
    }
    tx.commit().await?;
    Ok(Json(CheckedOut { checked_out: n }))
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn search_by_name_or_mobile_digits() {
        assert!(matches("张", "张三", "13800138000"));
        assert!(matches("8000", "李四", "13800138000"));
        assert!(!matches("9999", "李四", "13800138000"));
        assert!(
            !matches("123", "李四", "13800138000"),
            "3 digits is a name search"
        );
        assert!(matches("", "李四", "13800138000"));
        assert!(matches("zhang", "Zhang San", "13800138000"));
    }
}
