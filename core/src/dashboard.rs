//! The organiser's dashboard (`GET /api/events/{event}/dashboard`, and the
//! `dashboard` events of `/live`): totals, per venue and per organisation,
//! check-ins over time, and the alerts that need someone's attention.
//!
//! Fields added later default when missing, so a console reading an older
//! server's answer (or the reverse, during a rolling update) still works.

use crate::ids::{EventId, VenueId};
use serde::{Deserialize, Serialize};

/// People checked in (at least once), still present, and checked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Counts {
    pub checked_in: u32,
    pub present: u32,
    pub checked_out: u32,
}

impl Counts {
    /// Counts one person (or one stay) once.
    pub fn add(&mut self, checked_in: bool, present: bool) {
        if checked_in {
            self.checked_in += 1;
            if present {
                self.present += 1;
            } else {
                self.checked_out += 1;
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VenueCounts {
    pub id: VenueId,
    pub name: String,
    /// The main venue of a sub-venue.
    #[serde(default)]
    pub parent: Option<VenueId>,
    /// Local time (`HH:MM`) at which people still present are checked out.
    #[serde(default)]
    pub closes_at: Option<String>,
    #[serde(flatten)]
    pub counts: Counts,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationCounts {
    pub name: String,
    /// Not in the event's list: for the organiser to review and map.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unlisted: bool,
    #[serde(flatten)]
    pub counts: Counts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bucket {
    pub start_ms: i64,
    pub check_ins: u32,
    pub check_outs: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Timeline {
    pub bucket_ms: i64,
    pub buckets: Vec<Bucket>,
}

/// How many of something one venue has (records to review, people present).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VenueTally {
    pub venue: VenueId,
    pub count: u32,
}

/// A lead invite that no device has signed in with yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnusedInvite {
    pub id: i64,
    #[serde(default)]
    pub label: String,
    pub venues: Vec<VenueId>,
    pub expires_ms: i64,
}

/// What needs the organiser's attention now. Each list is empty when all is
/// well; venues are in the dashboard's `venues` order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Alerts {
    /// Venues where no one has checked in yet.
    #[serde(default)]
    pub no_check_ins: Vec<VenueId>,
    /// Invites still valid (neither revoked nor expired) that no lead has
    /// signed in with: the link may never have reached them.
    #[serde(default)]
    pub leads_not_signed_in: Vec<UnusedInvite>,
    /// Flagged check-ins no lead has accepted or rejected yet.
    #[serde(default)]
    pub pending_review: Vec<VenueTally>,
    /// Venues whose closing time today (the event's time zone) has passed
    /// with people still present.
    #[serde(default)]
    pub present_after_closing: Vec<VenueTally>,
}

impl Alerts {
    pub fn is_empty(&self) -> bool {
        self.no_check_ins.is_empty()
            && self.leads_not_signed_in.is_empty()
            && self.pending_review.is_empty()
            && self.present_after_closing.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub event: EventId,
    #[serde(default)]
    pub generated_ms: i64,
    /// The live feed's position at `generated_ms`.
    #[serde(default)]
    pub cursor: String,
    pub totals: Counts,
    #[serde(default)]
    pub venues: Vec<VenueCounts>,
    #[serde(default)]
    pub organisations: Vec<OrganisationCounts>,
    #[serde(default)]
    pub timeline: Timeline,
    #[serde(default)]
    pub alerts: Alerts,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_flat_in_a_venue_and_missing_fields_default() {
        let v = VenueCounts {
            id: VenueId(3),
            name: "西山公园".into(),
            parent: None,
            closes_at: Some("17:00".into()),
            counts: Counts {
                checked_in: 2,
                present: 1,
                checked_out: 1,
            },
        };
        let json = serde_json::to_value(&v).unwrap();
        assert_eq!(json["present"], 1);
        assert_eq!(serde_json::from_value::<VenueCounts>(json).unwrap(), v);
        let old: Dashboard = serde_json::from_str(
            r#"{"event":1,"totals":{"checked_in":0,"present":0,"checked_out":0}}"#,
        )
        .unwrap();
        assert!(old.alerts.is_empty());
    }
}
