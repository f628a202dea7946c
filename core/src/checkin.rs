//! A check-in (or check-out) record: what the phone stores first and syncs later.

use crate::ids::{EventId, VenueId};
use crate::volunteer::{Volunteer, VolunteerError};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Whether the volunteer arrives or leaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    In,
    Out,
}

impl CheckKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckKind::In => "in",
            CheckKind::Out => "out",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "in" => Some(CheckKind::In),
            "out" => Some(CheckKind::Out),
            _ => None,
        }
    }
}

/// One check-in as created on the phone.
///
/// `id` is generated on the phone so that sending the same record any number
/// of times stores it once: the server upserts on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    pub id: Uuid,
    pub event: EventId,
    pub venue: VenueId,
    pub kind: CheckKind,
    /// The venue code exactly as scanned (the URL fragment), kept so the server
    /// can verify it again at sync.
    pub code: String,
    /// Phone's clock when the record was made, milliseconds since the Unix epoch.
    pub device_time_ms: i64,
    pub volunteer: Volunteer,
}

/// Longest venue code string accepted, in bytes; anything longer is garbage.
pub const MAX_CODE_LEN: usize = 512;

/// Phone clock readings accepted, in ms since the Unix epoch (2000-01-01 ..
/// 2200-01-01): anything outside is a broken clock or a forgery.
pub const DEVICE_TIME_MS: std::ops::Range<i64> = 946_684_800_000..7_258_118_400_000;

/// Why a check-in record is malformed (independently of the venue it names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CheckInError {
    #[error("invalid volunteer: {0}")]
    Volunteer(#[from] VolunteerError),
    #[error("venue code too long")]
    CodeTooLong,
    #[error("device time out of range")]
    TimeOutOfRange,
}

impl CheckInError {
    pub fn code(self) -> &'static str {
        match self {
            CheckInError::Volunteer(v) => v.code(),
            CheckInError::CodeTooLong => "code_too_long",
            CheckInError::TimeOutOfRange => "time_out_of_range",
        }
    }
}

impl CheckIn {
    /// Structural checks shared by the widget and the server.
    pub fn validate(&self) -> Result<(), CheckInError> {
        self.volunteer.validate()?;
        if self.code.len() > MAX_CODE_LEN {
            return Err(CheckInError::CodeTooLong);
        }
        if !DEVICE_TIME_MS.contains(&self.device_time_ms) {
            return Err(CheckInError::TimeOutOfRange);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> CheckIn {
        CheckIn {
            id: Uuid::from_u128(1),
            event: EventId(1),
            venue: VenueId(2),
            kind: CheckKind::In,
            code: "v1.1.2".into(),
            device_time_ms: 1_764_000_000_000,
            volunteer: Volunteer::new("李明", "13900001111", "第一中学").unwrap(),
        }
    }

    #[test]
    fn json_shape_is_stable() {
        let json = serde_json::to_value(sample()).unwrap();
        assert_eq!(json["kind"], "in");
        assert_eq!(json["event"], 1);
        assert_eq!(json["venue"], 2);
        assert_eq!(json["id"], "00000000-0000-0000-0000-000000000001");
        let back: CheckIn = serde_json::from_value(json).unwrap();
        assert_eq!(back, sample());
    }

    #[test]
    fn validate_rejects_bad_records() {
        assert!(sample().validate().is_ok());
        let mut c = sample();
        c.device_time_ms = 0;
        assert_eq!(c.validate(), Err(CheckInError::TimeOutOfRange));
        let mut c = sample();
        c.code = "x".repeat(MAX_CODE_LEN + 1);
        assert_eq!(c.validate(), Err(CheckInError::CodeTooLong));
        let mut c = sample();
        c.volunteer.mobile = "1".into();
        assert_eq!(c.validate().unwrap_err().code(), "mobile_invalid");
    }
}
