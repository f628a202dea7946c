//! Importing an event's venues and organisations from a spreadsheet's CSV:
//! UTF-8 or GBK as Excel in China exports it, the header checked, every
//! problem of the file reported at once (by the row number the spreadsheet
//! shows and the column's header as the file spells it, so the organiser
//! fixes the file in one pass), and nothing stored unless every row is
//! right (the caller's one transaction).

use crate::db::Connection;
use crate::{keys, venues};
pub use baodao_core::import::{Encoding, ImportProblem, ImportSummary};
use baodao_core::text::TextError;
use baodao_core::EventId;
use std::collections::{HashMap, HashSet};

/// At most this many problems are listed (the first ones; the answer says
/// how many there are): more means the wrong file, not typos to fix.
pub const MAX_ROW_ERRORS: usize = 500;

#[derive(Debug)]
pub enum ImportError {
    /// Neither UTF-8 nor GB18030.
    Unreadable,
    /// No data rows.
    Empty,
    /// The first [`MAX_ROW_ERRORS`] problems, and how many there are.
    Rows {
        problems: Vec<ImportProblem>,
        total: usize,
    },
    /// The database failed: a server error, not the file's.
    Internal(anyhow::Error),
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

/// The problems found so far, each naming its column as the file's header
/// spells it.
struct Problems {
    /// Column key → the header cell as typed.
    headers: HashMap<&'static str, String>,
    list: Vec<ImportProblem>,
}

/// One problem, before it is named in the file's words.
struct Problem<'a> {
    row: usize,
    field: Option<&'static str>,
    error: &'static str,
    value: Option<&'a str>,
    other_row: Option<usize>,
}

impl Problem<'_> {
    fn new(row: usize, field: Option<&'static str>, error: &'static str) -> Self {
        Problem {
            row,
            field,
            error,
            value: None,
            other_row: None,
        }
    }
}

impl Problems {
    fn push(&mut self, p: Problem<'_>, why: impl std::fmt::Display) {
        let column = p.field.and_then(|f| self.headers.get(f).cloned());
        let place = match (&column, p.field) {
            (Some(c), _) => format!("row {}, column {c:?}", p.row),
            (None, Some(f)) => format!("row {}, column {f:?}", p.row),
            (None, None) => format!("row {}", p.row),
        };
        self.list.push(ImportProblem {
            row: p.row as u32,
            message: format!("{place}: {why}"),
            column,
            field: p.field.map(str::to_string),
            error: p.error.to_string(),
            value: p.value.map(str::to_string),
            other_row: p.other_row.map(|r| r as u32),
        });
    }

    /// The file's problems, by row, or none.
    fn finish(self) -> Result<(), ImportError> {
        let mut list = self.list;
        if list.is_empty() {
            return Ok(());
        }
        // Stable: a row's problems stay in column order.
        list.sort_by_key(|e| e.row);
        let total = list.len();
        list.truncate(MAX_ROW_ERRORS);
        Err(ImportError::Rows {
            problems: list,
            total,
        })
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

/// Splits the text into rows of known columns. Header problems and rows
/// with too many cells go into the problems, and the other rows are still
/// read, so that every problem of the file is found in one go.
fn parse_rows(text: &str, columns: &'static [Column]) -> Result<(Vec<Row>, Problems), ImportError> {
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
    let mut problems = Problems {
        headers: HashMap::new(),
        list: Vec::new(),
    };
    let mut index: Vec<Option<&'static str>> = Vec::new();
    let mut seen = HashSet::new();
    for cell in header.iter() {
        let typed = cell.trim();
        let name = typed.to_lowercase();
        match columns.iter().find(|c| c.names.contains(&name.as_str())) {
            Some(c) if !seen.insert(c.key) => {
                let first = problems.headers[c.key].clone();
                problems.list.push(ImportProblem {
                    row: 1,
                    column: Some(typed.to_string()),
                    field: Some(c.key.to_string()),
                    error: "header_duplicate".into(),
                    value: Some(typed.to_string()),
                    other_row: None,
                    message: format!("column {typed:?} is the same column as {first:?}"),
                });
                index.push(None);
            }
            Some(c) => {
                problems.headers.insert(c.key, typed.to_string());
                index.push(Some(c.key));
            }
            None if name.is_empty() => index.push(None),
            None => {
                let known: Vec<&str> = columns.iter().map(|c| c.names[0]).collect();
                problems.list.push(ImportProblem {
                    row: 1,
                    column: Some(typed.to_string()),
                    field: None,
                    error: "header_unknown".into(),
                    value: Some(typed.to_string()),
                    other_row: None,
                    message: format!(
                        "unknown column {typed:?}: the columns are {}",
                        known.join(", ")
                    ),
                });
                index.push(None);
            }
        }
    }
    for c in columns
        .iter()
        .filter(|c| c.required && !seen.contains(c.key))
    {
        problems.push(
            Problem::new(1, Some(c.key), "header_missing"),
            format_args!("the header row needs this column ({})", c.names.join(" / ")),
        );
    }
    // A line break inside a quoted cell is in the text but not a new row
    // of the spreadsheet: the rows after it are numbered as Excel shows them.
    let line_breaks =
        |r: &csv::StringRecord| r.iter().map(|c| c.matches('\n').count()).sum::<usize>();
    let mut in_cells = line_breaks(&header);
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(|_| ImportError::Unreadable)?;
        let number = record
            .position()
            .map_or(0, |p| spreadsheet_row(text, p.byte() as usize))
            .saturating_sub(in_cells);
        in_cells += line_breaks(&record);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() > index.len()
            && record
                .iter()
                .skip(index.len())
                .any(|c| !c.trim().is_empty())
        {
            // Its cells are probably shifted (a comma in a name): checking
            // them one by one would only add confusing problems.
            problems.push(
                Problem {
                    other_row: Some(1),
                    ..Problem::new(number, None, "field_count")
                },
                format_args!("{} cells, the header has {}", record.len(), index.len()),
            );
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
    if rows.is_empty() && problems.list.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok((rows, problems))
}

/// Checks names: core's text rule, and not twice in the file.
fn check_names(rows: &[Row], max_name_chars: usize, problems: &mut Problems) {
    let mut first_row: HashMap<&str, usize> = HashMap::new();
    for r in rows {
        let name = r.cells.get("name").map(String::as_str).unwrap_or("");
        if let Err(e) = baodao_core::text::check(name, max_name_chars) {
            let (code, why) = match e {
                TextError::Empty => ("name_empty", "the name is empty".to_string()),
                TextError::TooLong => (
                    "name_too_long",
                    format!("the name is longer than {max_name_chars} characters"),
                ),
                TextError::Invalid => (
                    "name_invalid",
                    "the name holds control or direction characters".to_string(),
                ),
            };
            problems.push(
                Problem {
                    value: Some(name).filter(|_| code == "name_too_long"),
                    ..Problem::new(r.number, Some("name"), code)
                },
                why,
            );
        } else if let Some(&first) = first_row.get(name) {
            problems.push(
                Problem {
                    value: Some(name),
                    other_row: Some(first),
                    ..Problem::new(r.number, Some("name"), "name_duplicate")
                },
                format_args!("{name:?} is already on row {first}"),
            );
        } else {
            first_row.insert(name, r.number);
        }
    }
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
    let (rows, mut problems) = parse_rows(&text, table.columns())?;
    // Without a name column every row would only repeat "name empty".
    if problems.headers.contains_key("name") {
        check_names(&rows, table.max_name_chars(), &mut problems);
    }
    let (created, updated) = match table {
        Table::Venues => import_venues(conn, event, &rows, problems).await?,
        Table::Organisations => import_organisations(conn, event, &rows, problems).await?,
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
    mut problems: Problems,
) -> Result<(u32, u32), ImportError> {
    let existing: Vec<(i64, String, Option<i64>)> =
        sqlx::query_as("SELECT id, name, parent_id FROM venues WHERE event_id = $1")
            .bind(i64::from(event.0))
            .fetch_all(&mut *conn)
            .await?;
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
            let problem = |error| Problem {
                value: Some(main.as_str()),
                ..Problem::new(r.number, Some("main_venue"), error)
            };
            match will_be_main {
                _ if main == name => problems.push(
                    problem("main_venue_self"),
                    "a venue cannot be its own main venue",
                ),
                None => problems.push(
                    problem("main_venue_unknown"),
                    format_args!("{main:?} is neither in this file nor in the event"),
                ),
                Some(false) => problems.push(
                    problem("main_venue_is_sub_venue"),
                    format_args!("{main:?} is a sub-venue; sub-venues cannot have sub-venues"),
                ),
                Some(true) => {}
            }
        }
        if let Some(t) = r.cells.get("closes_at").filter(|t| !t.is_empty()) {
            if !venues::valid_closes_at(t) {
                problems.push(
                    Problem {
                        value: Some(t.as_str()),
                        ..Problem::new(r.number, Some("closes_at"), "closes_at_invalid")
                    },
                    format_args!("{t:?} is not a time as HH:MM, e.g. 17:30"),
                );
            }
        }
    }
    problems.finish()?;

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
                    .await?;
                updated += 1;
            }
            None => {
                let id = venues::insert(conn, event, parent, &name, closes_at.as_deref()).await?;
                ids.insert(name, id);
                created += 1;
            }
        }
    }
    // Short codes for the new venues.
    keys::ensure_event_material(conn, event)
        .await
        .map_err(|e| ImportError::Internal(e.into()))?;
    Ok((created, updated))
}

/// Names already there are kept (counted as updated), others added;
/// (created, updated).
async fn import_organisations(
    conn: &mut Connection,
    event: EventId,
    rows: &[Row],
    problems: Problems,
) -> Result<(u32, u32), ImportError> {
    problems.finish()?;
    let (mut created, mut updated) = (0, 0);
    for r in rows {
        let done = sqlx::query(
            "INSERT INTO organisations (event_id, name) VALUES ($1, $2)
             ON CONFLICT (event_id, name) DO NOTHING",
        )
        .bind(i64::from(event.0))
        .bind(&r.cells["name"])
        .execute(&mut *conn)
        .await?;
        if done.rows_affected() == 1 {
            created += 1;
            // A merged-away name listed again: its records keep it from now on.
            sqlx::query("DELETE FROM organisation_aliases WHERE event_id = $1 AND name = $2")
                .bind(i64::from(event.0))
                .bind(&r.cells["name"])
                .execute(&mut *conn)
                .await?;
        } else {
            updated += 1;
        }
    }
    Ok((created, updated))
}

impl From<sqlx::Error> for ImportError {
    fn from(e: sqlx::Error) -> Self {
        ImportError::Internal(e.into())
    }
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
        assert!(matches!(
            decode(b"\xEF\xBB\xBF\xFF"),
            Err(ImportError::Unreadable)
        ));
    }

    #[test]
    fn header_problems_are_row_one_and_the_rows_are_still_checked() {
        let (rows, problems) =
            parse_rows("名字,主场馆,主场馆\nx,,\ny,a,b,c\n", VENUE_COLUMNS).unwrap();
        let codes: Vec<_> = problems
            .list
            .iter()
            .map(|e| (e.row, e.error.as_str(), e.column.as_deref()))
            .collect();
        assert_eq!(
            codes,
            [
                (1, "header_unknown", Some("名字")),
                (1, "header_duplicate", Some("主场馆")),
                (1, "header_missing", None),
                (3, "field_count", None),
            ]
        );
        assert_eq!(problems.list[2].field.as_deref(), Some("name"));
        assert_eq!(rows.len(), 1);
        assert!(matches!(
            parse_rows("name\n\n", VENUE_COLUMNS),
            Err(ImportError::Empty)
        ));
    }
}
