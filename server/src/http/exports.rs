//! The organiser's CSV exports: every record, and hours per
//! volunteer. UTF-8 with a BOM, because Excel (as used in China) reads a CSV
//! without one as GBK and garbles every Chinese name.

use super::invites::organiser_event;
use super::{ApiContext, Error};
use crate::access::Caller;
use crate::attendance::{self, hours, Record};
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use baodao_core::{CheckKind, EventId, VenueId};
use std::collections::HashMap;

pub fn router() -> Router<ApiContext> {
    Router::new()
        .route("/events/{event}/export.csv", get(records_csv))
        .route("/events/{event}/hours.csv", get(hours_csv))
}

/// A cell Excel must not run as a formula (a hostile name such as
/// `=HYPERLINK(…)`, or one behind a space, line break or other hidden
/// character, which spreadsheets skip): such cells get a leading apostrophe.
fn cell(s: &str) -> String {
    let first = s.chars().next();
    if s.starts_with(['=', '+', '-', '@', ' ', '\u{3000}'])
        || first.is_some_and(baodao_core::text::is_hidden)
    {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// Local `YYYY-MM-DD HH:MM:SS` in the event's time zone.
fn local_time(ms: i64, tz: &jiff::tz::TimeZone) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| {
            t.to_zoned(tz.clone())
                .strftime("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_default()
}

fn csv_response(name: String, rows: Vec<Vec<String>>) -> Result<impl IntoResponse, Error> {
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    for row in rows {
        writer
            .write_record(&row)
            .map_err(|e| anyhow::anyhow!("CSV: {e}"))?;
    }
    let body = writer
        .into_inner()
        .map_err(|e| anyhow::anyhow!("CSV: {e}"))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    ))
}

/// What both exports are made of: the organiser's event, its time zone, its
/// venues' names and every record.
struct Export {
    event: EventId,
    tz: jiff::tz::TimeZone,
    /// A venue's name and its main venue's.
    venues: HashMap<VenueId, (String, Option<String>)>,
    records: Vec<Record>,
}

/// The export of the event in the path, for an organiser only.
async fn load(ctx: &ApiContext, caller: &Caller, event: &str) -> Result<Export, Error> {
    let event = organiser_event(ctx, caller, event).await?;
    let zone: String = sqlx::query_scalar("SELECT time_zone FROM events WHERE id = $1")
        .bind(i64::from(event.0))
        .fetch_one(&ctx.pool)
        .await?;
    let venues: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT v.id, v.name, p.name FROM venues v LEFT JOIN venues p ON p.id = v.parent_id
         WHERE v.event_id = $1",
    )
    .bind(i64::from(event.0))
    .fetch_all(&ctx.pool)
    .await?;
    let records = attendance::records(&mut *ctx.pool.acquire().await?, event, None).await?;
    Ok(Export {
        event,
        tz: jiff::tz::TimeZone::get(&zone).unwrap_or(jiff::tz::TimeZone::UTC),
        venues: venues
            .into_iter()
            .map(|(id, n, p)| (VenueId(id as u32), (n, p)))
            .collect(),
        records,
    })
}

async fn records_csv(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(event): Path<String>,
) -> Result<impl IntoResponse, Error> {
    let export = load(&ctx, &caller, &event).await?;
    // Hours on each check-out row: the visit it closes.
    let mut closed_by: HashMap<uuid::Uuid, i64> = HashMap::new();
    for person in attendance::people_by_mobile(&export.records, export.event) {
        for stay in person.stays.values() {
            for v in &stay.visits {
                if let (Some(_), Some(out)) = (v.check_in, v.check_out) {
                    closed_by.insert(out.id, v.duration_ms());
                }
            }
        }
    }
    let mut rows = vec![[
        "record_id",
        "venue",
        "main_venue",
        "kind",
        "origin",
        "time",
        "name",
        "mobile",
        "organisation",
        "flag",
        "review",
        "review_note",
        "hours",
    ]
    .map(String::from)
    .to_vec()];
    let notes: HashMap<String, String> = sqlx::query_as(
        "SELECT id, review_note FROM checkins WHERE event_id = $1 AND review_note IS NOT NULL",
    )
    .bind(i64::from(export.event.0))
    .fetch_all(&ctx.pool)
    .await?
    .into_iter()
    .collect();
    for r in &export.records {
        let (venue, main) = export.venues.get(&r.venue).cloned().unwrap_or_default();
        let hours_cell = match (r.kind, closed_by.get(&r.id)) {
            (CheckKind::Out, Some(ms)) => format!("{:.2}", hours(*ms)),
            _ => String::new(),
        };
        rows.push(vec![
            r.id.to_string(),
            cell(&venue),
            cell(&main.unwrap_or_default()),
            r.kind.as_str().to_string(),
            r.origin.clone(),
            local_time(r.device_time_ms, &export.tz),
            cell(&r.name),
            r.mobile.clone(),
            cell(&r.organisation),
            r.flag.clone().unwrap_or_default(),
            r.review.clone().unwrap_or_default(),
            cell(notes.get(&r.id.to_string()).map_or("", String::as_str)),
            hours_cell,
        ]);
    }
    csv_response(format!("baodao-event-{}.csv", export.event), rows)
}

async fn hours_csv(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(event): Path<String>,
) -> Result<impl IntoResponse, Error> {
    let export = load(&ctx, &caller, &event).await?;
    let mut rows = vec![[
        "name",
        "mobile",
        "organisation",
        "venues",
        "first_in",
        "last_out",
        "hours",
        "open",
    ]
    .map(String::from)
    .to_vec()];
    for p in attendance::people_by_mobile(&export.records, export.event) {
        let venues: Vec<String> = p
            .stays
            .keys()
            .map(|v| export.venues.get(v).map_or(v.to_string(), |n| n.0.clone()))
            .collect();
        let first_in = p.stays.values().filter_map(|s| s.first_in_ms()).min();
        let last_out = p
            .stays
            .values()
            .flat_map(|s| &s.records)
            .filter(|r| r.kind == CheckKind::Out)
            .map(|r| r.device_time_ms)
            .max();
        rows.push(vec![
            cell(&p.name),
            p.mobile.clone(),
            cell(p.organisation()),
            cell(&venues.join(" / ")),
            first_in
                .map(|t| local_time(t, &export.tz))
                .unwrap_or_default(),
            last_out
                .map(|t| local_time(t, &export.tz))
                .unwrap_or_default(),
            format!("{:.2}", hours(p.hours_ms())),
            if p.present_anywhere() { "yes" } else { "" }.to_string(),
        ]);
    }
    csv_response(format!("baodao-event-{}-hours.csv", export.event), rows)
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("@SUM(1)"), "'@SUM(1)");
        assert_eq!(cell("张三"), "张三");
        for hidden in ["\n=1+1", "\u{0}=1+1", " =1+1", "\t=1", "\r=1", "\u{202e}=1"] {
            assert!(cell(hidden).starts_with('\''), "{hidden:?}");
        }
    }
}
