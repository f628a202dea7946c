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
