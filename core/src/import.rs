//! Importing an event's venues or organisations from a spreadsheet's CSV
//! (`POST /api/events/{event}/import/{venues,organisations}`): what an
//! import did, and each problem of a refused file.

use serde::{Deserialize, Serialize};

/// How the file's bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Encoding {
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "gbk")]
    Gbk,
}

impl Encoding {
    /// As people know it: `UTF-8`, `GBK`.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gbk => "GBK",
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub encoding: Encoding,
    pub created: u32,
    pub updated: u32,
}

/// One problem of a refused file (the `rows` of a `csv_invalid` answer).
/// Every problem the file has is listed, so it is fixed in one pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    /// The row as the spreadsheet numbers it: the header is row 1.
    pub row: u32,
    /// The column's header as the file spells it (`场馆`, `Main venue`);
    /// `None` for a column the file lacks or a problem of the whole row.
    #[serde(default)]
    pub column: Option<String>,
    /// Which column it is, whatever the file calls it (`name`,
    /// `main_venue`, `closes_at`): names a column the file lacks.
    #[serde(default)]
    pub field: Option<String>,
    /// Stable code, translated by the console (`csv-{error}`).
    pub error: String,
    /// The cell's text, when it is what is wrong.
    #[serde(default)]
    pub value: Option<String>,
    /// The other row involved (the first row of a repeated name).
    #[serde(default)]
    pub other_row: Option<u32>,
    /// The same in English, for API users.
    #[serde(default)]
    pub message: String,
}
