//! Keeping an event's organisation names clean: the names volunteers and
//! leads entered as "not in the list", for the organiser to review, and
//! merging or renaming an organisation so that its records follow.

use serde::{Deserialize, Serialize};

/// `GET /api/events/{event}/organisations`: one name of the event's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: i64,
    pub name: String,
    /// Pinyin initials of the name (see [`crate::organisation_search`]).
    #[serde(default)]
    pub initials: String,
}

/// `GET /api/events/{event}/organisations/unlisted`: an organisation name
/// that records carry but the event's list does not have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnlistedOrganisation {
    pub name: String,
    /// Check-in and check-out records carrying it.
    pub records: u32,
    /// Distinct mobile numbers among them.
    pub people: u32,
}

/// `POST /api/events/{event}/organisations/merge`: every record of `from`
/// moves to `into`. `into` is in the list afterwards (added if new) and
/// `from` is not: a listed `from` is renamed, or merged into a listed
/// `into`; an unlisted `from` is mapped (`from` = `into` accepts it as is).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationMerge {
    pub from: String,
    pub into: String,
}

/// The answer to an [`OrganisationMerge`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationMerged {
    /// `into`, trimmed, as now listed.
    pub name: String,
    /// Records whose organisation changed.
    pub records: u64,
}
