//! What the widget needs to know about an event, fetched once and cached on
//! the phone so that check-ins work with no connection.

use crate::ids::{EventId, VenueId};
use crate::CheckKind;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventInfo {
    pub id: EventId,
    pub name: String,
    /// First and last day, ISO dates (`2026-12-05`) in the event's time zone.
    pub starts_on: String,
    pub ends_on: String,
    /// IANA time zone, e.g. `Asia/Shanghai`.
    pub time_zone: String,
    pub venues: Vec<VenueInfo>,
    /// Organisation names volunteers pick from on first use.
    pub organisations: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VenueInfo {
    pub id: VenueId,
    pub name: String,
    /// The main venue this sub-venue belongs to; `None` for a main venue.
    pub parent: Option<VenueId>,
}

impl EventInfo {
    pub fn venue(&self, id: VenueId) -> Option<&VenueInfo> {
        self.venues.iter().find(|v| v.id == id)
    }
}

/// One line of a venue's roster, as a lead sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterEntry {
    pub id: Uuid,
    pub name: String,
    /// Masked (138****5678): leads identify people by name and organisation.
    pub mobile_masked: String,
    pub organisation: String,
    pub kind: CheckKind,
    pub device_time_ms: i64,
}

/// A venue's check-ins, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roster {
    pub event: EventId,
    pub venue: VenueInfo,
    pub entries: Vec<RosterEntry>,
}
