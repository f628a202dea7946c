//! The organiser's exports, every record and hours per volunteer, each as
//! CSV and as an Excel workbook, with the same columns. Headers and values
//! are in Chinese, for the organisers who open them; times are the event's
//! local time; hours are decimal hours to one place (2.5), as volunteer-hour
//! registers in China record them, so a column sums directly.
//!
//! The CSV is UTF-8 with a BOM, because Excel (as used in China) reads a CSV
//! without one as GBK and garbles every Chinese name.

use super::invites::organiser_event;
use super::{ApiContext, Error};
use crate::access::Caller;
use crate::attendance::{self, Record};
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use baodao_core::{CheckKind, EventId, VenueId};
use jiff::civil::DateTime;
use std::collections::HashMap;

pub fn router() -> Router<ApiContext> {
    Router::new()
        .route("/events/{event}/export.csv", get(records_csv))
        .route("/events/{event}/export.xlsx", get(records_xlsx))
        .route("/events/{event}/hours.csv", get(hours_csv))
        .route("/events/{event}/hours.xlsx", get(hours_xlsx))
}

const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A cell Excel must not run as a formula (a hostile name such as
/// `=HYPERLINK(…)`, or one behind a space, line break or other hidden
/// character, which spreadsheets skip): such cells get a leading apostrophe.
/// The workbook stores text as text, but gets the same cells: a user who
/// edits one, or saves the sheet as CSV, must not wake the formula up.
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

/// One value of an export, written by each format in its own way.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    /// Already neutralised by [`cell`] where it comes from a person.
    Text(String),
    /// Decimal hours, rounded to one place.
    Hours(f64),
    /// A local time in the event's zone.
    Time(DateTime),
    Empty,
}

impl Value {
    fn text(s: &str) -> Value {
        Value::Text(cell(s))
    }

    fn csv(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Hours(h) => format!("{h:.1}"),
            Value::Time(t) => t.strftime("%Y-%m-%d %H:%M:%S").to_string(),
            Value::Empty => String::new(),
        }
    }
}

/// Hours to one decimal place, from milliseconds.
fn hours(ms: i64) -> f64 {
    (ms as f64 / 360_000.0).round() / 10.0
}

fn kind_text(kind: CheckKind) -> &'static str {
    match kind {
        CheckKind::In => "签到",
        CheckKind::Out => "签退",
    }
}

/// How a record was made; an unknown code is kept as it is.
fn origin_text(origin: &str) -> &str {
    match origin {
        "device" => "本人手机",
        "assisted" => "负责人代签",
        "lead_all" => "负责人全部签退",
        "auto" => "到点自动签退",
        other => other,
    }
}

fn review_text(review: Option<&str>) -> &str {
    match review {
        Some("accepted") => "通过",
        Some("rejected") => "驳回",
        Some(other) => other,
        None => "",
    }
}

/// An export: its columns (header and width in Excel's character units) and
/// rows, the same in both formats.
struct Sheet {
    /// The download's name without its extension.
    file_stem: String,
    /// The worksheet's tab.
    title: &'static str,
    columns: &'static [(&'static str, f64)],
    rows: Vec<Vec<Value>>,
}

impl Sheet {
    fn csv(&self) -> Result<impl IntoResponse + use<>, Error> {
        let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
        let fail = |e: csv::Error| anyhow::anyhow!("CSV: {e}");
        writer
            .write_record(self.columns.iter().map(|c| c.0))
            .map_err(fail)?;
        for row in &self.rows {
            writer
                .write_record(row.iter().map(Value::csv))
                .map_err(fail)?;
        }
        let body = writer
            .into_inner()
            .map_err(|e| anyhow::anyhow!("CSV: {e}"))?;
        Ok(download(
            "text/csv; charset=utf-8",
            format!("{}.csv", self.file_stem),
            body,
        ))
    }

    fn xlsx(&self) -> Result<impl IntoResponse + use<>, Error> {
        use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
        let fail = |e: rust_xlsxwriter::XlsxError| anyhow::anyhow!("xlsx: {e}");
        let bold = Format::new().set_bold();
        let hours = Format::new().set_num_format("0.0");
        let time = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name(self.title).map_err(fail)?;
        for (col, (name, width)) in (0u16..).zip(self.columns) {
            sheet
                .write_string_with_format(0, col, *name, &bold)
                .map_err(fail)?;
            sheet.set_column_width(col, *width).map_err(fail)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(fail)?;
        for (row, values) in (1u32..).zip(&self.rows) {
            for (col, value) in (0u16..).zip(values) {
                match value {
                    Value::Text(s) if !s.is_empty() => {
                        sheet.write_string(row, col, s.as_str()).map_err(fail)?;
                    }
                    Value::Hours(h) => {
                        sheet
                            .write_number_with_format(row, col, *h, &hours)
                            .map_err(fail)?;
                    }
                    Value::Time(t) => {
                        let when = ExcelDateTime::from_ymd(
                            t.year() as u16,
                            t.month() as u8,
                            t.day() as u8,
                        )
                        .and_then(|d| d.and_hms(t.hour() as u16, t.minute() as u8, t.second()))
                        .map_err(fail)?;
                        sheet
                            .write_datetime_with_format(row, col, &when, &time)
                            .map_err(fail)?;
                    }
                    Value::Text(_) | Value::Empty => {}
                }
            }
        }
        let last_col = self.columns.len().saturating_sub(1) as u16;
        sheet
            .autofilter(0, 0, self.rows.len() as u32, last_col)
            .map_err(fail)?;
        let body = book.save_to_buffer().map_err(fail)?;
        Ok(download(
            XLSX_TYPE,
            format!("{}.xlsx", self.file_stem),
            body,
        ))
    }
}

fn download(content_type: &'static str, name: String, body: Vec<u8>) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
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

impl Export {
    fn time(&self, ms: i64) -> Value {
        jiff::Timestamp::from_millisecond(ms)
            .map(|t| Value::Time(t.to_zoned(self.tz.clone()).datetime()))
            .unwrap_or(Value::Empty)
    }
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

const RECORD_COLUMNS: &[(&str, f64)] = &[
    ("记录编号", 38.0),
    ("场馆", 18.0),
    ("主场馆", 18.0),
    ("类型", 8.0),
    ("来源", 16.0),
    ("时间", 20.0),
    ("姓名", 12.0),
    ("手机号", 14.0),
    ("单位", 24.0),
    ("标记", 16.0),
    ("审核", 8.0),
    ("审核备注", 24.0),
    ("时长（小时）", 12.0),
];

/// Every record, oldest first; a check-out row carries the hours of the
/// visit it closes.
async fn records_sheet(ctx: &ApiContext, caller: &Caller, event: &str) -> Result<Sheet, Error> {
    let export = load(ctx, caller, event).await?;
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
    let notes: HashMap<String, String> = sqlx::query_as(
        "SELECT id, review_note FROM checkins WHERE event_id = $1 AND review_note IS NOT NULL",
    )
    .bind(i64::from(export.event.0))
    .fetch_all(&ctx.pool)
    .await?
    .into_iter()
    .collect();
    let rows = export
        .records
        .iter()
        .map(|r| {
            let (venue, main) = export.venues.get(&r.venue).cloned().unwrap_or_default();
            let hours_value = match (r.kind, closed_by.get(&r.id)) {
                (CheckKind::Out, Some(ms)) => Value::Hours(hours(*ms)),
                _ => Value::Empty,
            };
            vec![
                Value::Text(r.id.to_string()),
                Value::text(&venue),
                Value::text(&main.unwrap_or_default()),
                Value::Text(kind_text(r.kind).into()),
                Value::text(origin_text(&r.origin)),
                export.time(r.device_time_ms),
                Value::text(&r.name),
                Value::text(&r.mobile),
                Value::text(&r.organisation),
                Value::text(r.flag.as_deref().unwrap_or_default()),
                Value::text(review_text(r.review.as_deref())),
                Value::text(notes.get(&r.id.to_string()).map_or("", String::as_str)),
                hours_value,
            ]
        })
        .collect();
    Ok(Sheet {
        file_stem: format!("baodao-event-{}", export.event),
        title: "签到记录",
        columns: RECORD_COLUMNS,
        rows,
    })
}

const HOURS_COLUMNS: &[(&str, f64)] = &[
    ("姓名", 12.0),
    ("手机号", 14.0),
    ("单位", 24.0),
    ("场馆", 30.0),
    ("首次签到", 20.0),
    ("最后签退", 20.0),
    ("时长（小时）", 12.0),
    ("仍在场", 8.0),
];

/// One row per volunteer (one mobile number).
async fn hours_sheet(ctx: &ApiContext, caller: &Caller, event: &str) -> Result<Sheet, Error> {
    let export = load(ctx, caller, event).await?;
    let rows = attendance::people_by_mobile(&export.records, export.event)
        .into_iter()
        .map(|p| {
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
            vec![
                Value::text(&p.name),
                Value::text(&p.mobile),
                Value::text(p.organisation()),
                Value::text(&venues.join(" / ")),
                first_in.map_or(Value::Empty, |t| export.time(t)),
                last_out.map_or(Value::Empty, |t| export.time(t)),
                Value::Hours(hours(p.hours_ms())),
                Value::Text(if p.present_anywhere() { "是" } else { "" }.into()),
            ]
        })
        .collect();
    Ok(Sheet {
        file_stem: format!("baodao-event-{}-hours", export.event),
        title: "志愿时长",
        columns: HOURS_COLUMNS,
        rows,
    })
}

async fn records_csv(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(event): Path<String>,
) -> Result<impl IntoResponse, Error> {
    records_sheet(&ctx, &caller, &event).await?.csv()
}

async fn records_xlsx(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(event): Path<String>,
) -> Result<impl IntoResponse, Error> {
    records_sheet(&ctx, &caller, &event).await?.xlsx()
}

async fn hours_csv(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(event): Path<String>,
) -> Result<impl IntoResponse, Error> {
    hours_sheet(&ctx, &caller, &event).await?.csv()
}

async fn hours_xlsx(
    State(ctx): State<ApiContext>,
    caller: Caller,
    Path(event): Path<String>,
) -> Result<impl IntoResponse, Error> {
    hours_sheet(&ctx, &caller, &event).await?.xlsx()
}

#[cfg(test)]
mod tests {
    use super::{cell, hours};

    #[test]
    fn formulas_are_defused() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("@SUM(1)"), "'@SUM(1)");
        assert_eq!(cell("张三"), "张三");
        for hidden in ["\n=1+1", "\u{0}=1+1", " =1+1", "\t=1", "\r=1", "\u{202e}=1"] {
            assert!(cell(hidden).starts_with('\''), "{hidden:?}");
        }
    }

    #[test]
    fn hours_have_one_decimal() {
        assert_eq!(hours(90 * 60_000), 1.5);
        assert_eq!(hours(80 * 60_000), 1.3);
        assert_eq!(hours(0), 0.0);
    }
}
