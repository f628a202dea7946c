//! The organiser sets an event up: the event itself (name, dates, time
//! zone), its venues and organisations, one at a time or from a CSV file
//! ([`crate::csv_import`]).

use super::extract::{parse_id, ApiBytes, ApiJson};
use super::invites::organiser_event;
use super::{ApiContext, Error};
use crate::access::Caller;
use crate::csv_import::{self, ImportError, Table};
use crate::db::now_ms;
use crate::db::Connection;
use crate::organisation_initials::initials;
use crate::{keys, venues};
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::StatusCode;
use axum::routing::{get, patch, post, MethodRouter};
use axum::{Json, Router};
use baodao_core::event::{days_from_iso, EventInfo};
use baodao_core::organisations::{
    Organisation, OrganisationMerge, OrganisationMerged, UnlistedOrganisation,
};
use baodao_core::venues::{VenueRow, MAX_CONTACT_CHARS};
use baodao_core::volunteer::MAX_ORGANISATION_CHARS;
use baodao_core::{EventId, VenueId};
use serde::Deserialize;

/// Largest CSV file accepted (a few thousand rows is a few hundred KB).
pub const MAX_CSV_BYTES: usize = 4 * 1024 * 1024;

pub fn router() -> Router<ApiContext> {
    let imports = Router::new()
        .route("/events/{event}/import/venues", import(Table::Venues))
        .route(
            "/events/{event}/import/organisations",
            import(Table::Organisations),
        )
        .layer(DefaultBodyLimit::max(MAX_CSV_BYTES));
    Router::new()
        .route("/events", post(create_event))
        .route("/events/{event}", patch(edit_event))
        .route(
            "/events/{event}/venues",
            get(list_venues).post(create_venue),
        )
        .route("/venues/{venue}", patch(edit_venue))
        .route(
            "/events/{event}/organisations",
            get(list_organisations).post(create_organisation),
        )
        .route("/organisations/{id}", patch(edit_organisation))
        .route(
            "/events/{event}/organisations/unlisted",
            get(unlisted_organisations),
        )
        .route(
            "/events/{event}/organisations/merge",
            post(merge_organisation),
        )
        .merge(imports)
}

fn invalid(code: &'static str, message: impl Into<String>) -> Error {
    Error::Unprocessable {
        code,
        message: message.into(),
    }
}

/// What an organiser names: each has its own bound and error codes.
#[derive(Clone, Copy)]
enum Named {
    Event,
    Venue,
    Organisation,
}

/// A venue's contact as typed: trimmed, empty clears it.
fn checked_contact(raw: Option<&str>) -> Result<Option<String>, Error> {
    use baodao_core::text::{self, TextError};
    let contact = raw.map(str::trim).filter(|c| !c.is_empty());
    match contact.map(|c| text::check(c, MAX_CONTACT_CHARS)) {
        Some(Err(TextError::TooLong)) => Err(invalid(
            "contact_too_long",
            format!("the contact is longer than {MAX_CONTACT_CHARS} characters"),
        )),
        Some(Err(TextError::Invalid)) => Err(invalid(
            "contact_invalid",
            "the contact holds control or direction characters",
        )),
        _ => Ok(contact.map(str::to_string)),
    }
}

/// A name as typed, trimmed and checked by core's one text rule.
fn checked_name(raw: &str, what: Named) -> Result<String, Error> {
    use baodao_core::text::{self, TextError};
    let (max, codes, label) = match what {
        Named::Event => (
            text::MAX_EVENT_NAME_CHARS,
            [
                "event_name_empty",
                "event_name_too_long",
                "event_name_invalid",
            ],
            "event",
        ),
        Named::Venue => (
            text::MAX_VENUE_NAME_CHARS,
            [
                "venue_name_empty",
                "venue_name_too_long",
                "venue_name_invalid",
            ],
            "venue",
        ),
        Named::Organisation => (
            MAX_ORGANISATION_CHARS,
            [
                "organisation_name_empty",
                "organisation_name_too_long",
                "organisation_name_invalid",
            ],
            "organisation",
        ),
    };
    let name = raw.trim();
    text::check(name, max).map_err(|e| match e {
        TextError::Empty => invalid(codes[0], format!("the {label} needs a name")),
        TextError::TooLong => invalid(
            codes[1],
            format!("the {label}'s name is longer than {max} characters"),
        ),
        TextError::Invalid => invalid(
            codes[2],
            format!("the {label}'s name holds control or direction characters"),
        ),
    })?;
    Ok(name.to_string())
}

#[derive(Deserialize, Default)]
struct EventFields {
    name: Option<String>,
    starts_on: Option<String>,
    ends_on: Option<String>,
    time_zone: Option<String>,
    retention_days: Option<i64>,
}

/// The event's fields after applying `f` to `current`, checked.
fn checked_event(
    current: (String, String, String, String, i64),
    f: EventFields,
) -> Result<(String, String, String, String, i64), Error> {
    let name = match f.name {
        Some(n) => checked_name(&n, Named::Event)?,
        None => current.0,
    };
    let starts = f.starts_on.unwrap_or(current.1);
    let ends = f.ends_on.unwrap_or(current.2);
    let zone = f
        .time_zone
        .map(|z| z.trim().to_string())
        .unwrap_or(current.3);
    let retention = f.retention_days.unwrap_or(current.4);
    match (days_from_iso(&starts), days_from_iso(&ends)) {
        (Some(s), Some(e)) if s <= e => {}
        _ => {
            return Err(invalid(
                "event_dates_invalid",
                "dates are YYYY-MM-DD and the last day is not before the first",
            ))
        }
    }
    if jiff::tz::TimeZone::get(&zone).is_err() {
        return Err(invalid(
            "time_zone_unknown",
            format!("{zone:?} is not a time zone name such as Asia/Shanghai"),
        ));
    }
    if !(0..=3650).contains(&retention) {
        return Err(invalid(
            "retention_days_invalid",
            "retention_days is 0 to 3650",
        ));
    }
    Ok((name, starts, ends, zone, retention))
}

async fn create_event(
    State(ctx): State<ApiContext>,
    caller: Caller,
    ApiJson(f): ApiJson<EventFields>,
) -> Result<(StatusCode, Json<EventInfo>), Error> {
    caller.require_organiser()?;
    let defaults = (
        String::new(),
        String::new(),
        String::new(),
        "Asia/Shanghai".to_string(),
        180,
    );
    let (name, starts, ends, zone, retention) = checked_event(defaults, f)?;
    let mut tx = crate::db::begin_write(&ctx.pool).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO events (name, starts_on, ends_on, time_zone, retention_days, created_ms)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(name)
    .bind(starts)
    .bind(ends)
    .bind(zone)
    .bind(retention)
    .bind(now_ms())
    .fetch_one(&mut *tx)
    .await?;
    let id = EventId(id as u32);
    keys::ensure_event_material(&mut tx, id).await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(super::events::load(&ctx, id).await?),
    ))
}

async fn edit_event(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(event): Path<String>,
    ApiJson(f): ApiJson<EventFields>,
) -> Result<Json<EventInfo>, Error> {
    let event = organiser_event(&ctx, &caller, &event).await?;
    let mut tx = crate::db::begin_write(&ctx.pool).await?;
    let current: (String, String, String, String, i64) = sqlx::query_as(
        "SELECT name, starts_on, ends_on, time_zone, retention_days FROM events WHERE id = $1",
    )
    .bind(i64::from(event.0))
    .fetch_one(&mut *tx)
    .await?;
    let (name, starts, ends, zone, retention) = checked_event(current, f)?;
    sqlx::query(
        "UPDATE events SET name = $1, starts_on = $2, ends_on = $3, time_zone = $4, retention_days = $5
         WHERE id = $6",
    )
    .bind(name)
    .bind(starts)
    .bind(ends)
    .bind(zone)
    .bind(retention)
    .bind(i64::from(event.0))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Json(super::events::load(&ctx, event).await?))
}

/// A `venues` row as the organiser edits it.
#[derive(sqlx::FromRow)]
struct StoredVenue {
    id: i64,
    name: String,
    parent: Option<i64>,
    short_code: Option<String>,
    closes_at: Option<String>,
    contact: Option<String>,
    screen_only: i64,
}

const VENUE_COLUMNS: &str =
    "id, name, parent_id AS parent, short_code, closes_at, contact, screen_only";

impl From<StoredVenue> for VenueRow {
    fn from(v: StoredVenue) -> Self {
        VenueRow {
            initials: initials(&v.name),
            id: VenueId(v.id as u32),
            name: v.name,
            parent: v.parent.map(|p| VenueId(p as u32)),
            short_code: v.short_code,
            closes_at: v.closes_at,
            contact: v.contact,
            screen_only: v.screen_only != 0,
        }
    }
}

async fn venue_row(conn: &mut Connection, id: i64) -> Result<StoredVenue, Error> {
    sqlx::query_as(&format!("SELECT {VENUE_COLUMNS} FROM venues WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::UnknownVenue)
}

async fn list_venues(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(event): Path<String>,
) -> Result<Json<Vec<VenueRow>>, Error> {
    let event = organiser_event(&ctx, &caller, &event).await?;
    let rows: Vec<StoredVenue> = sqlx::query_as(&format!(
        "SELECT {VENUE_COLUMNS} FROM venues WHERE event_id = $1 ORDER BY id"
    ))
    .bind(i64::from(event.0))
    .fetch_all(&ctx.pool)
    .await?;
    Ok(Json(rows.into_iter().map(VenueRow::from).collect()))
}

/// `Some(None)` clears a field, `None` leaves it.
fn double_option<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

#[derive(Deserialize)]
struct VenueFields {
    name: Option<String>,
    #[serde(default, deserialize_with = "double_option")]
    parent: Option<Option<i64>>,
    #[serde(default, deserialize_with = "double_option")]
    closes_at: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    contact: Option<Option<String>>,
    screen_only: Option<bool>,
}

/// Checks and stores a venue's fields (`id` None: a new venue).
async fn save_venue(
    conn: &mut Connection,
    event: EventId,
    id: Option<i64>,
    f: VenueFields,
) -> Result<i64, Error> {
    let current = match id {
        Some(id) => Some(venue_row(conn, id).await?),
        None => None,
    };
    let name = match (f.name, &current) {
        (Some(n), _) => checked_name(&n, Named::Venue)?,
        (None, Some(c)) => c.name.clone(),
        (None, None) => checked_name("", Named::Venue)?,
    };
    let parent = f
        .parent
        .unwrap_or_else(|| current.as_ref().and_then(|c| c.parent));
    let closes_at = f
        .closes_at
        .unwrap_or_else(|| current.as_ref().and_then(|c| c.closes_at.clone()))
        .filter(|t| !t.trim().is_empty());
    let contact = match f.contact {
        Some(c) => checked_contact(c.as_deref())?,
        None => current.as_ref().and_then(|c| c.contact.clone()),
    };
    let screen_only = f
        .screen_only
        .unwrap_or_else(|| current.as_ref().is_some_and(|c| c.screen_only != 0));
    let taken: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM venues WHERE event_id = $1 AND name = $2 AND id <> $3",
    )
    .bind(i64::from(event.0))
    .bind(&name)
    .bind(id.unwrap_or(-1))
    .fetch_one(&mut *conn)
    .await?;
    if taken > 0 {
        return Err(invalid(
            "venue_name_taken",
            format!("the event already has a venue named {name:?}"),
        ));
    }
    if let Some(p) = parent {
        let main: Option<Option<i64>> =
            sqlx::query_scalar("SELECT parent_id FROM venues WHERE id = $1 AND event_id = $2")
                .bind(p)
                .bind(i64::from(event.0))
                .fetch_optional(&mut *conn)
                .await?;
        let has_children: i64 = match id {
            Some(id) => {
                sqlx::query_scalar("SELECT COUNT(*) FROM venues WHERE parent_id = $1")
                    .bind(id)
                    .fetch_one(&mut *conn)
                    .await?
            }
            None => 0,
        };
        if main != Some(None) || Some(p) == id || has_children > 0 {
            return Err(invalid(
                "parent_unknown",
                "the main venue must be a main venue of this event (sub-venues have no sub-venues)",
            ));
        }
    }
    if let Some(t) = &closes_at {
        if !venues::valid_closes_at(t) {
            return Err(invalid(
                "closes_at_invalid",
                "closing time is HH:MM, e.g. 17:30",
            ));
        }
    }
    let id = match id {
        Some(id) => {
            sqlx::query(
                "UPDATE venues SET name = $1, parent_id = $2, closes_at = $3, contact = $4,
                 screen_only = $5 WHERE id = $6",
            )
            .bind(&name)
            .bind(parent)
            .bind(&closes_at)
            .bind(&contact)
            .bind(i64::from(screen_only))
            .bind(id)
            .execute(&mut *conn)
            .await?;
            id
        }
        None => {
            let id = venues::insert(conn, event, parent, &name, closes_at.as_deref()).await?;
            if contact.is_some() || screen_only {
                sqlx::query("UPDATE venues SET contact = $1, screen_only = $2 WHERE id = $3")
                    .bind(&contact)
                    .bind(i64::from(screen_only))
                    .bind(id)
                    .execute(&mut *conn)
                    .await?;
            }
            keys::ensure_event_material(conn, event).await?;
            id
        }
    };
    Ok(id)
}

async fn create_venue(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(event): Path<String>,
    ApiJson(f): ApiJson<VenueFields>,
) -> Result<(StatusCode, Json<VenueRow>), Error> {
    let event = organiser_event(&ctx, &caller, &event).await?;
    let mut tx = crate::db::begin_write(&ctx.pool).await?;
    let id = save_venue(&mut tx, event, None, f).await?;
    let row = VenueRow::from(venue_row(&mut tx, id).await?);
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(row)))
}

async fn edit_venue(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(venue): Path<String>,
    ApiJson(f): ApiJson<VenueFields>,
) -> Result<Json<VenueRow>, Error> {
    caller.require_organiser()?;
    let (event, venue) = super::venues::find(&ctx, &venue).await?;
    let mut tx = crate::db::begin_write(&ctx.pool).await?;
    let id = save_venue(&mut tx, event, Some(i64::from(venue.id.0)), f).await?;
    let row = VenueRow::from(venue_row(&mut tx, id).await?);
    tx.commit().await?;
    Ok(Json(row))
}

#[derive(sqlx::FromRow)]
struct OrganisationRow {
    id: i64,
    name: String,
}

impl From<OrganisationRow> for Organisation {
    fn from(o: OrganisationRow) -> Self {
        Organisation {
            initials: initials(&o.name),
            id: o.id,
            name: o.name,
        }
    }
}

#[derive(Deserialize)]
struct OrganisationFields {
    name: String,
}

async fn list_organisations(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(event): Path<String>,
) -> Result<Json<Vec<Organisation>>, Error> {
    let event = organiser_event(&ctx, &caller, &event).await?;
    let rows: Vec<OrganisationRow> =
        sqlx::query_as("SELECT id, name FROM organisations WHERE event_id = $1 ORDER BY id")
            .bind(i64::from(event.0))
            .fetch_all(&ctx.pool)
            .await?;
    Ok(Json(rows.into_iter().map(Organisation::from).collect()))
}

fn organisation_name(f: &OrganisationFields) -> Result<String, Error> {
    checked_organisation_name(&f.name)
}

fn checked_organisation_name(raw: &str) -> Result<String, Error> {
    checked_name(raw, Named::Organisation)
}

/// Moves `event`'s records from organisation `from` to `into`, and those
/// synced later too: phones keep sending the name their person saved.
async fn move_records(
    conn: &mut Connection,
    event: i64,
    from: &str,
    into: &str,
) -> Result<u64, Error> {
    // A listed name is never an alias of another.
    unalias(conn, event, into).await?;
    if from == into {
        return Ok(0);
    }
    sqlx::query("UPDATE organisation_aliases SET target = $1 WHERE event_id = $2 AND target = $3")
        .bind(into)
        .bind(event)
        .bind(from)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO organisation_aliases (event_id, name, target) VALUES ($1, $2, $3)
         ON CONFLICT (event_id, name) DO UPDATE SET target = excluded.target",
    )
    .bind(event)
    .bind(from)
    .bind(into)
    .execute(&mut *conn)
    .await?;
    Ok(sqlx::query(
        "UPDATE checkins SET organisation = $1 WHERE event_id = $2 AND organisation = $3",
    )
    .bind(into)
    .bind(event)
    .bind(from)
    .execute(&mut *conn)
    .await?
    .rows_affected())
}

async fn unalias(conn: &mut Connection, event: i64, name: &str) -> Result<(), Error> {
    sqlx::query("DELETE FROM organisation_aliases WHERE event_id = $1 AND name = $2")
        .bind(event)
        .bind(name)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

fn taken(e: sqlx::Error) -> Error {
    match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => invalid(
            "organisation_name_taken",
            "the event already has an organisation of this name",
        ),
        _ => Error::Database(e),
    }
}

async fn create_organisation(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(event): Path<String>,
    ApiJson(f): ApiJson<OrganisationFields>,
) -> Result<(StatusCode, Json<Organisation>), Error> {
    let event = organiser_event(&ctx, &caller, &event).await?;
    let name = organisation_name(&f)?;
    let mut tx = crate::db::begin_write(&ctx.pool).await?;
    let row: OrganisationRow = sqlx::query_as(
        "INSERT INTO organisations (event_id, name) VALUES ($1, $2) RETURNING id, name",
    )
    .bind(i64::from(event.0))
    .bind(&name)
    .fetch_one(&mut *tx)
    .await
    .map_err(taken)?;
    // Listed now: records with this name keep it.
    unalias(&mut tx, i64::from(event.0), &name).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(row.into())))
}

async fn edit_organisation(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(f): ApiJson<OrganisationFields>,
) -> Result<Json<Organisation>, Error> {
    caller.require_organiser()?;
    let id: i64 = parse_id(&id, Error::NotFound)?;
    let name = organisation_name(&f)?;
    let mut tx = crate::db::begin_write(&ctx.pool).await?;
    let (event, old): (i64, String) =
        sqlx::query_as("SELECT event_id, name FROM organisations WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(Error::NotFound)?;
    let row: OrganisationRow =
        sqlx::query_as("UPDATE organisations SET name = $1 WHERE id = $2 RETURNING id, name")
            .bind(&name)
            .bind(id)
            .fetch_one(&mut *tx)
            .await
            .map_err(taken)?;
    // A renamed organisation keeps its people: the roster, dashboard and
    // exports show the new name on their records too.
    move_records(&mut tx, event, &old, &name).await?;
    tx.commit().await?;
    Ok(Json(row.into()))
}

/// Names on the event's records that its list does not have: chosen as
/// "not in the list", typed by an older widget, or left by a rename done
/// before records followed. The organiser maps each with a merge.
async fn unlisted_organisations(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(event): Path<String>,
) -> Result<Json<Vec<UnlistedOrganisation>>, Error> {
    let event = organiser_event(&ctx, &caller, &event).await?;
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT c.organisation, COUNT(*), COUNT(DISTINCT c.mobile) FROM checkins c
         WHERE c.event_id = $1 AND NOT EXISTS
             (SELECT 1 FROM organisations o WHERE o.event_id = c.event_id AND o.name = c.organisation)
         GROUP BY c.organisation ORDER BY COUNT(*) DESC, c.organisation",
    )
    .bind(i64::from(event.0))
    .fetch_all(&ctx.pool)
    .await?;
    Ok(Json(
        rows.into_iter()
            .map(|(name, records, people)| UnlistedOrganisation {
                name,
                records: u32::try_from(records).unwrap_or(u32::MAX),
                people: u32::try_from(people).unwrap_or(u32::MAX),
            })
            .collect(),
    ))
}

/// Merges, renames or maps an organisation (see [`OrganisationMerge`]), in
/// one transaction with the records it moves.
async fn merge_organisation(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(event): Path<String>,
    ApiJson(m): ApiJson<OrganisationMerge>,
) -> Result<Json<OrganisationMerged>, Error> {
    let event = i64::from(organiser_event(&ctx, &caller, &event).await?.0);
    let into = checked_organisation_name(&m.into)?;
    let from = m.from.as_str();
    let mut tx = crate::db::begin_write(&ctx.pool).await?;
    let listed = |name: String| {
        sqlx::query_scalar::<_, i64>(
            "SELECT id FROM organisations WHERE event_id = $1 AND name = $2",
        )
        .bind(event)
        .bind(name)
    };
    let from_id = listed(from.to_string()).fetch_optional(&mut *tx).await?;
    let into_id = listed(into.clone()).fetch_optional(&mut *tx).await?;
    if from_id.is_none() {
        let used: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM checkins WHERE event_id = $1 AND organisation = $2",
        )
        .bind(event)
        .bind(from)
        .fetch_one(&mut *tx)
        .await?;
        if used == 0 {
            return Err(Error::NotFound);
        }
    }
    match (from_id, into_id) {
        (Some(f), None) => {
            sqlx::query("UPDATE organisations SET name = $1 WHERE id = $2")
                .bind(&into)
                .bind(f)
                .execute(&mut *tx)
                .await?;
        }
        (Some(f), Some(i)) if f != i => {
            sqlx::query("DELETE FROM organisations WHERE id = $1")
                .bind(f)
                .execute(&mut *tx)
                .await?;
        }
        (None, None) => {
            sqlx::query("INSERT INTO organisations (event_id, name) VALUES ($1, $2)")
                .bind(event)
                .bind(&into)
                .execute(&mut *tx)
                .await?;
        }
        _ => {}
    }
    let records = move_records(&mut tx, event, from, &into).await?;
    tx.commit().await?;
    Ok(Json(OrganisationMerged {
        name: into,
        records,
    }))
}

fn import_failed(e: ImportError) -> Error {
    match e {
        ImportError::Unreadable => invalid(
            "csv_unreadable",
            "the file is not text in UTF-8 or GBK: save it from Excel as \"CSV UTF-8\" and try again",
        ),
        ImportError::Empty => invalid("csv_empty", "the file has a header but no rows"),
        ImportError::Rows { problems, total } => Error::CsvInvalid {
            message: format!("the file has {total} problem(s); nothing was imported"),
            rows: problems,
            total,
        },
        ImportError::Internal(e) => Error::Internal(e),
    }
}

/// `POST` of a CSV file into `table` of the organiser's event.
fn import(table: Table) -> MethodRouter<ApiContext> {
    post(
        move |State(ctx): State<ApiContext>,
              caller: Caller,
              Path(event): Path<String>,
              ApiBytes(body): ApiBytes| async move {
            let event = organiser_event(&ctx, &caller, &event).await?;
            // One transaction: dropped without commit on any error.
            let mut tx = crate::db::begin_write(&ctx.pool).await?;
            let summary = csv_import::import(&mut tx, event, table, &body)
                .await
                .map_err(import_failed)?;
            tx.commit().await?;
            Ok::<_, Error>(Json(summary))
        },
    )
}
