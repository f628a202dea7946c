//! Importing an event's venues and organisations from a spreadsheet's CSV:
//! UTF-8 or GBK as Excel in China exports it, the header checked,
//! every faulty row reported by its spreadsheet row number, and nothing
//! stored unless every row is right (the caller's one transaction).

use crate::db::Connection;
use crate::{keys, venues};
use baodao_core::text::TextError;
use baodao_core::EventId;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// At most this many row errors are reported (the first ones).
pub const MAX_ROW_ERRORS: usize = 100;

/// One faulty row or header cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    /// Spreadsheet row (the header is row 1).
    pub row: usize,
    pub column: Option<&'static str>,
    /// Stable code, translated by the console.
    pub error: &'static str,
    pub message: String,
}

/// How the file's bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    #[serde(rename = "utf-8")]
    Utf8,
    Gbk,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Neither UTF-8 nor GB18030.
    Unreadable,
    /// No data rows.
    Empty,
    Rows(Vec<RowError>),
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub encoding: Encoding,
    pub created: usize,
    pub updated: usize,
}

/// What a file is imported into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Venues,
    Organisations,
}

impl Table {
    /// Longest name a row may give.
    fn max_name_chars(self) -> usize {
        match self {
            Table::Venues => baodao_core::text::MAX_VENUE_NAME_CHARS,
            Table::Organisations => baodao_core::volunteer::MAX_ORGANISATION_CHARS,
        }
    }

    fn columns(self) -> &'static [Column] {
        match self {
            Table::Venues => VENUE_COLUMNS,
            Table::Organisations => ORGANISATION_COLUMNS,
        }
    }
}

/// Decodes a file: a UTF-8 BOM means UTF-8; else UTF-8 if the bytes are
/// valid UTF-8 (GBK text of any length almost never is), else GB18030 (a
/// superset of GBK, which is what Excel's "CSV" writes on a Chinese Windows).
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), ImportError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|s| (s.to_string(), Encoding::Utf8))
            .map_err(|_| ImportError::Unreadable);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), Encoding::Utf8));
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| (s.into_owned(), Encoding::Gbk))
        .ok_or(ImportError::Unreadable)
}

/// A column an import knows, with the header names it is recognised by.
struct Column {
    key: &'static str,
    names: &'static [&'static str],
    required: bool,
}

const VENUE_COLUMNS: &[Column] = &[
    Column {
        key: "name",
        names: &["name", "venue", "场馆", "名称", "场馆名称"],
        required: true,
    },
    Column {
        key: "main_venue",
        names: &["main_venue", "main venue", "主场馆", "所属主场馆"],
        required: false,
    },
    Column {
        key: "closes_at",
        names: &["closes_at", "closes at", "结束时间"],
        required: false,
    },
];

const ORGANISATION_COLUMNS: &[Column] = &[Column {
    key: "name",
    names: &[
        "name",
        "organisation",
        "organization",
        "单位",
        "名称",
        "单位名称",
    ],
    required: true,
}];

/// A data row: its spreadsheet row number and its cells by column key.
struct Row {
    number: usize,
    cells: HashMap<&'static str, String>,
}

fn row_error(
    row: usize,
    column: Option<&'static str>,
    error: &'static str,
    message: String,
) -> RowError {
    RowError {
        row,
        column,
        error,
        message,
    }
}

/// The spreadsheet row (1-based) of the record starting at `byte`. Counted
/// here rather than taken from the reader's line number, which lags by one
/// after a CRLF line end (the reader's position can sit before the `\n`),
/// and Excel ends every line with CRLF.
fn spreadsheet_row(text: &str, byte: usize) -> usize {
    let rest = text.get(byte..).unwrap_or("");
    let start = byte + (rest.len() - rest.trim_start_matches(['\r', '\n']).len());
    1 + text.as_bytes()[..start.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
}

/// Splits the text into rows of known columns; header problems and rows
/// with too many cells are errors.
fn parse_rows(text: &str, columns: &'static [Column]) -> Result<Vec<Row>, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(_)) => return Err(ImportError::Unreadable),
        None => return Err(ImportError::Empty),
    };
    let mut errors = Vec::new();
    let mut index: Vec<Option<&'static str>> = Vec::new();
    let mut seen = HashSet::new();
    for cell in header.iter() {
        let name = cell.trim().to_lowercase();
        match columns.iter().find(|c| c.names.contains(&name.as_str())) {
            Some(c) if !seen.insert(c.key) => {
                errors.push(row_error(
                    1,
                    Some(c.key),
                    "header_duplicate",
                    format!("column {cell:?} appears twice"),
                ));
                index.push(None);
            }
            Some(c) => index.push(Some(c.key)),
            None if name.is_empty() => index.push(None),
            None => {
                let known: Vec<&str> = columns.iter().map(|c| c.names[0]).collect();
                errors.push(row_error(
                    1,
                    None,
                    "header_unknown",
                    format!(
                        "unknown column {cell:?}: the columns are {}",
                        known.join(", ")
                    ),
                ));
                index.push(None);
            }
        }
    }
    for c in columns
        .iter()
        .filter(|c| c.required && !seen.contains(c.key))
    {
        errors.push(row_error(
            1,
            Some(c.key),
            "header_missing",
            format!(
                "the header row needs a {:?} column ({})",
                c.names[0],
                c.names.join(" / ")
            ),
        ));
    }
    if !errors.is_empty() {
        return Err(ImportError::Rows(errors));
    }
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(|_| ImportError::Unreadable)?;
        let number = record
            .position()
            .map_or(0, |p| spreadsheet_row(text, p.byte() as usize));
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() > index.len()
            && record
                .iter()
                .skip(index.len())
                .any(|c| !c.trim().is_empty())
        {
            errors.push(row_error(
                number,
                None,
                "field_count",
                format!(
                    "row {number} has {} cells, the header {}",
                    record.len(),
                    index.len()
                ),
            ));
            continue;
        }
        let mut cells = HashMap::new();
        for (cell, key) in record.iter().zip(&index) {
            if let Some(key) = key {
                cells.insert(*key, cell.trim().to_string());
            }
        }
        rows.push(Row { number, cells });
    }
    if !errors.is_empty() {
        return Err(ImportError::Rows(errors));
    }
    if rows.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(rows)
}

/// Checks names (core's text rule, not twice in the file); returns the errors.
fn check_names(rows: &[Row], max_name_chars: usize, errors: &mut Vec<RowError>) {
    let mut first_row: HashMap<&str, usize> = HashMap::new();
    for r in rows {
        let name = r.cells.get("name").map(String::as_str).unwrap_or("");
        if let Err(e) = baodao_core::text::check(name, max_name_chars) {
            let (code, why) = match e {
                TextError::Empty => ("name_empty", "is empty".to_string()),
                TextError::TooLong => (
                    "name_too_long",
                    format!("is longer than {max_name_chars} characters"),
                ),
                TextError::Invalid => (
                    "name_invalid",
                    "holds control or direction characters".to_string(),
                ),
            };
            errors.push(row_error(
                r.number,
                Some("name"),
                code,
                format!("row {}: the name {why}", r.number),
            ));
        } else if let Some(first) = first_row.insert(name, r.number) {
            first_row.insert(name, first);
            errors.push(row_error(
                r.number,
                Some("name"),
                "name_duplicate",
                format!("row {}: {name:?} is already on row {first}", r.number),
            ));
        }
    }
}

fn finish(mut errors: Vec<RowError>) -> Result<(), ImportError> {
    if errors.is_empty() {
        return Ok(());
    }
    errors.sort_by_key(|e| e.row);
    errors.truncate(MAX_ROW_ERRORS);
    Err(ImportError::Rows(errors))
}

/// Imports a file into `event`'s venues or organisations inside the caller's
/// transaction. The caller rolls back on any error.
pub async fn import(
    conn: &mut Connection,
    event: EventId,
    table: Table,
    bytes: &[u8],
) -> Result<ImportSummary, ImportError> {
    let (text, encoding) = decode(bytes)?;
    let rows = parse_rows(&text, table.columns())?;
    let mut errors = Vec::new();
    check_names(&rows, table.max_name_chars(), &mut errors);
    let (created, updated) = match table {
        Table::Venues => import_venues(conn, event, &rows, errors).await?,
        Table::Organisations => import_organisations(conn, event, &rows, errors).await?,
    };
    Ok(ImportSummary {
        encoding,
        created,
        updated,
    })
}

/// Rows whose name exists are updated (main venue, closing time), others
/// added; (created, updated).
async fn import_venues(
    conn: &mut Connection,
    event: EventId,
    rows: &[Row],
    mut errors: Vec<RowError>,
) -> Result<(usize, usize), ImportError> {
    let existing: Vec<(i64, String, Option<i64>)> =
        sqlx::query_as("SELECT id, name, parent_id FROM venues WHERE event_id = $1")
            .bind(i64::from(event.0))
            .fetch_all(&mut *conn)
            .await
            .map_err(db_error)?;
    let existing_ids: HashMap<&str, i64> = existing
        .iter()
        .map(|(id, n, _)| (n.as_str(), *id))
        .collect();
    let existing_is_main: HashMap<&str, bool> = existing
        .iter()
        .map(|(_, n, p)| (n.as_str(), p.is_none()))
        .collect();
    // What each name will be after the import: a main venue or not.
    let file_main: HashMap<&str, bool> = rows
        .iter()
        .filter_map(|r| {
            let name = r.cells.get("name")?.as_str();
            Some((name, r.cells.get("main_venue").is_none_or(|m| m.is_empty())))
        })
        .collect();
    for r in rows {
        let name = r.cells.get("name").map(String::as_str).unwrap_or("");
        if let Some(main) = r.cells.get("main_venue").filter(|m| !m.is_empty()) {
            let will_be_main = file_main
                .get(main.as_str())
                .or_else(|| existing_is_main.get(main.as_str()))
                .copied();
            match will_be_main {
                _ if main == name => errors.push(row_error(
                    r.number,
                    Some("main_venue"),
                    "main_venue_unknown",
                    format!("row {}: a venue cannot be its own main venue", r.number),
                )),
                None => errors.push(row_error(
                    r.number,
                    Some("main_venue"),
                    "main_venue_unknown",
                    format!(
                        "row {}: main venue {main:?} is neither in this file nor in the event",
                        r.number
                    ),
                )),
                Some(false) => errors.push(row_error(
                    r.number,
                    Some("main_venue"),
                    "main_venue_is_sub_venue",
                    format!(
                        "row {}: {main:?} is a sub-venue; sub-venues cannot have sub-venues",
                        r.number
                    ),
                )),
                Some(true) => {}
            }
        }
        if let Some(t) = r.cells.get("closes_at").filter(|t| !t.is_empty()) {
            if !venues::valid_closes_at(t) {
                errors.push(row_error(
                    r.number,
                    Some("closes_at"),
                    "closes_at_invalid",
                    format!(
                        "row {}: closing time {t:?} is not HH:MM, e.g. 17:30",
                        r.number
                    ),
                ));
            }
        }
    }
    finish(errors)?;

    let (mut created, mut updated) = (0, 0);
    let mut ids: HashMap<String, i64> = existing_ids
        .iter()
        .map(|(n, id)| (n.to_string(), *id))
        .collect();
    // Main venues first, so sub-venues can point at them.
    let mut ordered: Vec<&Row> = rows.iter().collect();
    ordered.sort_by_key(|r| r.cells.get("main_venue").is_some_and(|m| !m.is_empty()));
    for r in ordered {
        let name = r.cells["name"].clone();
        let parent = r
            .cells
            .get("main_venue")
            .filter(|m| !m.is_empty())
            .map(|m| ids[m.as_str()]);
        let closes_at = r.cells.get("closes_at").filter(|t| !t.is_empty()).cloned();
        match ids.get(&name) {
            Some(&id) => {
                sqlx::query("UPDATE venues SET parent_id = $1, closes_at = $2 WHERE id = $3")
                    .bind(parent)
                    .bind(closes_at)
                    .bind(id)
                    .execute(&mut *conn)
                    .await
                    .map_err(db_error)?;
                updated += 1;
            }
            None => {
                let id = venues::insert(conn, event, parent, &name, closes_at.as_deref())
                    .await
                    .map_err(db_error)?;
                ids.insert(name, id);
                created += 1;
            }
        }
    }
    // Short codes for the new venues.
    keys::ensure_event_material(conn, event)
        .await
        .map_err(|e| ImportError::Rows(vec![row_error(0, None, "internal", e.to_string())]))?;
    Ok((created, updated))
}

/// Names already there are kept (counted as updated), others added;
/// (created, updated).
async fn import_organisations(
    conn: &mut Connection,
    event: EventId,
    rows: &[Row],
    errors: Vec<RowError>,
) -> Result<(usize, usize), ImportError> {
    finish(errors)?;
    let (mut created, mut updated) = (0, 0);
    for r in rows {
        let done = sqlx::query(
            "INSERT INTO organisations (event_id, name) VALUES ($1, $2)
             ON CONFLICT (event_id, name) DO NOTHING",
        )
        .bind(i64::from(event.0))
        .bind(&r.cells["name"])
        .execute(&mut *conn)
        .await
        .map_err(db_error)?;
        if done.rows_affected() == 1 {
            created += 1;
            // A merged-away name listed again: its records keep it from now on.
            sqlx::query("DELETE FROM organisation_aliases WHERE event_id = $1 AND name = $2")
                .bind(i64::from(event.0))
                .bind(&r.cells["name"])
                .execute(&mut *conn)
                .await
                .map_err(db_error)?;
        } else {
            updated += 1;
        }
    }
    Ok((created, updated))
}

fn db_error(e: sqlx::Error) -> ImportError {
    tracing::error!(error = %e, "database error during import");
    ImportError::Rows(vec![row_error(
        0,
        None,
        "internal",
        "database error".to_string(),
    )])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_or_without_bom_and_gbk_are_read() {
        let text = "场馆,主场馆\n区文化中心,\n";
        assert_eq!(
            decode(text.as_bytes()).unwrap(),
            (text.to_string(), Encoding::Utf8)
        );
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode(&bom).unwrap(), (text.to_string(), Encoding::Utf8));
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert!(std::str::from_utf8(&gbk).is_err());
        assert_eq!(decode(&gbk).unwrap(), (text.to_string(), Encoding::Gbk));
        assert_eq!(decode(b"\xEF\xBB\xBF\xFF"), Err(ImportError::Unreadable));
    }

    #[test]
    fn header_problems_are_row_one() {
        let Err(ImportError::Rows(e)) = parse_rows("名字,主场馆\nx,\n", VENUE_COLUMNS) else {
            panic!()
        };
        let codes: Vec<_> = e.iter().map(|e| (e.row, e.error)).collect();
        assert_eq!(codes, [(1, "header_unknown"), (1, "header_missing")]);
        assert_eq!(
            parse_rows("name\n\n", VENUE_COLUMNS).err(),
            Some(ImportError::Empty)
        );
    }
}
