//! Messages between the phone's outbox and the server's ingest endpoint.

use crate::checkin::CheckIn;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Most records the server accepts in one batch; the outbox sends at most this many.
pub const MAX_BATCH_ITEMS: usize = 200;

/// A batch of records from one device. `device_time_ms` is the phone's clock at
/// sending time, so the server can estimate the phone's clock offset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncBatch {
    pub device_time_ms: i64,
    pub items: Vec<CheckIn>,
}

/// The server's answer: one result per item, in the order sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncResponse {
    pub server_time_ms: i64,
    pub results: Vec<ItemResult>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemResult {
    pub id: Uuid,
    #[serde(flatten)]
    pub outcome: ItemOutcome,
}

/// What happened to one record. `Duplicate` means an earlier send already
/// stored it: for the phone that is as good as `Accepted`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", content = "reason", rename_all = "snake_case")]
pub enum ItemOutcome {
    Accepted,
    Duplicate,
    /// Stored, but a lead should look at it (reason code).
    Flagged(String),
    /// Not stored, never will be: retrying cannot help (reason code).
    Rejected(String),
}

impl ItemOutcome {
    /// Whether the server holds the record, so the phone may stop sending it.
    pub fn is_stored(&self) -> bool {
        !matches!(self, ItemOutcome::Rejected(_))
    }
}

/// The JSON body of every API error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// Stable machine-readable code, e.g. `unknown_venue`.
    pub error: String,
    /// English explanation for logs and developers; the widget translates `error`.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_serialise_with_a_status_tag() {
        let r = ItemResult {
            id: Uuid::nil(),
            outcome: ItemOutcome::Rejected("unknown_venue".into()),
        };
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["status"], "rejected");
        assert_eq!(json["reason"], "unknown_venue");
        let ok = serde_json::to_value(ItemResult {
            id: Uuid::nil(),
            outcome: ItemOutcome::Accepted,
        })
        .unwrap();
        assert_eq!(ok["status"], "accepted");
        let back: ItemResult = serde_json::from_value(json).unwrap();
        assert_eq!(back, r);
        assert!(!back.outcome.is_stored());
        assert!(ItemOutcome::Duplicate.is_stored());
    }
}
