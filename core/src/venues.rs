//! A venue as its organiser sets it up, as its lead's pages show it, and as
//! its printed poster reads.

use crate::event::VenueInfo;
use crate::ids::{EventId, VenueId};
use serde::{Deserialize, Serialize};

/// Longest contact line on a poster ("王老师 138 0000 0000"), in characters.
pub const MAX_CONTACT_CHARS: usize = 40;

/// A venue in the organiser's list (`GET /api/events/{event}/venues`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VenueRow {
    pub id: VenueId,
    pub name: String,
    /// The main venue of a sub-venue.
    #[serde(default)]
    pub parent: Option<VenueId>,
    #[serde(default)]
    pub short_code: Option<String>,
    /// Local time (`HH:MM`) at which people still present are checked out.
    #[serde(default)]
    pub closes_at: Option<String>,
    /// Whom to ask at the venue, printed on its poster.
    #[serde(default)]
    pub contact: Option<String>,
    /// Check-ins with the poster's code are flagged for review: the venue
    /// shows a rotating screen.
    #[serde(default)]
    pub screen_only: bool,
    /// Pinyin initials of the name, so the organiser finds 西山公园 by
    /// typing `xsgy` (see [`crate::organisation_search`]).
    #[serde(default)]
    pub initials: String,
}

/// `GET /api/venues/{venue}`: a venue as its lead's pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VenueDetail {
    pub venue: VenueInfo,
    pub event: EventId,
    pub event_name: String,
    #[serde(default)]
    pub main_venue: Option<String>,
    #[serde(default)]
    pub closes_at: Option<String>,
    pub time_zone: String,
    /// What a lead's device puts in the `code` of assisted check-ins.
    pub poster_code: String,
    /// The poster's check-in URL (its QR code), for leads and organisers
    /// only: a volunteer must be at the venue to read it.
    pub checkin_url: String,
}

/// What a printed poster shows (`GET /api/venues/{venue}/poster`,
/// `GET /api/events/{event}/posters`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Poster {
    pub venue: VenueInfo,
    pub main_venue: Option<String>,
    pub event_name: String,
    /// The event's first and last day, ISO dates.
    pub starts_on: String,
    pub ends_on: String,
    pub contact: Option<String>,
    pub short_code: Option<String>,
    /// What the QR code holds; the page draws it.
    pub checkin_url: String,
}

/// Whether a person is still at the venue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonStatus {
    Present,
    Left,
}

impl PersonStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PersonStatus::Present => "present",
            PersonStatus::Left => "left",
        }
    }
}

/// A venue's head count, whatever the search (`GET /api/venues/{venue}/people`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PeopleCounts {
    pub present: u32,
    pub left: u32,
    pub total: u32,
}

/// One person on a venue's live roster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    /// Masked (138****5678).
    pub mobile_masked: String,
    pub organisation: String,
    pub status: PersonStatus,
    pub first_in_ms: Option<i64>,
    pub last_ms: i64,
    /// Completed stays, as in the hours export.
    pub hours: f64,
    pub last_record: uuid::Uuid,
    pub flagged: bool,
    /// How their latest check-in here was proven.
    #[serde(default)]
    pub proof: Option<crate::event::Proof>,
}

/// `GET /api/venues/{venue}/people`: present first, then by latest time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct People {
    pub counts: PeopleCounts,
    pub people: Vec<Person>,
}
