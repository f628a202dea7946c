//! Who a console session is (`POST /api/auth/redeem`, `GET /api/auth/me`,
//! `POST /api/auth/token-link`).

use crate::event::VenueInfo;
use crate::ids::{EventId, VenueId};
use serde::{Deserialize, Serialize};

/// `organiser` or `lead` (a volunteer's device never uses the console).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Organiser,
    Lead,
    Device,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganiserInfo {
    pub id: i64,
    pub name: String,
}

/// A session as the server describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// Only in the answer that made (or confirmed) the session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    pub role: Role,
    #[serde(default)]
    pub expires_ms: Option<i64>,
    /// A lead's event.
    #[serde(default)]
    pub event: Option<EventId>,
    /// A lead's venues.
    #[serde(default)]
    pub venues: Vec<VenueInfo>,
    #[serde(default)]
    pub organiser: Option<OrganiserInfo>,
}

impl Session {
    /// Organisers may open every venue; a lead only the venues of the invite.
    pub fn may_lead(&self, venue: VenueId) -> bool {
        match self.role {
            Role::Organiser => true,
            Role::Lead => self.venues.iter().any(|v| v.id == venue),
            Role::Device => false,
        }
    }
}
