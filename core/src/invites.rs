//! Lead invites as the organiser asks for them: one invite for a lead's
//! venues, or one invite per venue for many venues at once (an event has
//! up to about a hundred venues, each with its own lead).

use crate::VenueId;
use serde::{Deserialize, Serialize};

/// Longest explicit lifetime of an invite, in hours.
pub const MAX_INVITE_HOURS: u32 = 720;

/// Most invites one [`VenueInvites`] request makes: more than an event's
/// venues, few enough for one transaction.
pub const MAX_VENUE_INVITES: usize = 200;

/// `POST /api/events/{event}/invites`: one invite for these venues.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewInvite {
    pub venues: Vec<VenueId>,
    #[serde(default)]
    pub label: String,
    /// 1 to [`MAX_INVITE_HOURS`]; absent: until the event has ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in_hours: Option<u32>,
}

/// `POST /api/events/{event}/invites/venues`: one invite per venue.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct VenueInvites {
    /// The venues; absent: every venue of the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venues: Option<Vec<VenueId>>,
    /// Each invite's label; empty: the venue's name.
    #[serde(default)]
    pub label: String,
    /// As in [`NewInvite`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in_hours: Option<u32>,
}

/// One made invite of a [`VenueInvites`] answer, with the only copy of its
/// link, in the event's venue order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VenueInviteLink {
    pub venue: VenueId,
    pub venue_name: String,
    /// The invite's id (to revoke it).
    pub invite: i64,
    pub url: String,
    pub expires_ms: i64,
}

/// A lead invite as the organiser lists it (`GET /api/events/{event}/invites`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invite {
    pub id: i64,
    /// Only in the answer that made it: the secret is shown once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default)]
    pub label: String,
    pub venues: Vec<VenueId>,
    pub expires_ms: i64,
    pub revoked: bool,
    /// Sessions redeemed from it (a lead's phone and laptop).
    #[serde(default)]
    pub sessions: u32,
}
