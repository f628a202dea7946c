//! The console's routes of the server API (docs/api.md: Organiser, Venue
//! lead), as typed calls. Answers come in core's types where core defines
//! them (one definition for the widget and the server); the others are the
//! console's reading of the contract: fields the console does not show are
//! not parsed, and optional ones default, so a server that adds fields does
//! not break the console.

use crate::console::client::{call, call_empty, json, Body, CallFailure};
use crate::console::session::Session;
use baodao_core::event::{EventInfo, RosterEntry};
pub use baodao_core::import::ImportSummary;
pub use baodao_core::invites::Invite;
use baodao_core::invites::{NewInvite, VenueInviteLink, VenueInvites};
pub use baodao_core::organisations::Organisation;
use baodao_core::organisations::{OrganisationMerge, OrganisationMerged, UnlistedOrganisation};
use baodao_core::sync::{SyncBatch, SyncResponse};
pub use baodao_core::venues::{
    People, PeopleCounts, Person, PersonStatus, Poster, VenueDetail, VenueRow,
};
use baodao_core::{EventId, VenueId, Volunteer};
use serde::{Deserialize, Serialize};

pub type Answer<T> = Result<T, CallFailure>;

// ---- sign-in ----

#[derive(Serialize)]
struct Redeem<'a> {
    link: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    name: &'a str,
}

pub async fn redeem(link: &str, name: &str) -> Answer<Session> {
    call("POST", "/api/auth/redeem", json(&Redeem { link, name })).await
}

#[derive(Serialize)]
struct TokenLink<'a> {
    token: &'a str,
}

/// Who a `#token=` link signs in as (a demo server only).
pub async fn token_link(token: &str) -> Answer<Session> {
    call("POST", "/api/auth/token-link", json(&TokenLink { token })).await
}

pub async fn me() -> Answer<Session> {
    call("GET", "/api/auth/me", Body::None).await
}

pub async fn logout() -> Answer<()> {
    call_empty("POST", "/api/auth/logout", Body::None).await
}

// ---- events ----

/// `POST /api/events`, `PATCH /api/events/{event}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventForm {
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub time_zone: String,
    pub retention_days: u32,
}

pub async fn events() -> Answer<Vec<EventInfo>> {
    call("GET", "/api/events", Body::None).await
}

pub async fn create_event(form: &EventForm) -> Answer<EventInfo> {
    call("POST", "/api/events", json(form)).await
}

pub async fn update_event(event: EventId, form: &EventForm) -> Answer<EventInfo> {
    call("PATCH", &format!("/api/events/{event}"), json(form)).await
}

// ---- venues and organisations ----

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VenueForm {
    pub name: String,
    pub parent: Option<VenueId>,
    pub closes_at: Option<String>,
    pub contact: Option<String>,
    pub screen_only: bool,
}

pub async fn venues(event: EventId) -> Answer<Vec<VenueRow>> {
    call("GET", &format!("/api/events/{event}/venues"), Body::None).await
}

pub async fn create_venue(event: EventId, form: &VenueForm) -> Answer<VenueRow> {
    call("POST", &format!("/api/events/{event}/venues"), json(form)).await
}

pub async fn update_venue(venue: VenueId, form: &VenueForm) -> Answer<VenueRow> {
    call("PATCH", &format!("/api/venues/{venue}"), json(form)).await
}

#[derive(Serialize)]
struct NameBody<'a> {
    name: &'a str,
}

pub async fn organisations(event: EventId) -> Answer<Vec<Organisation>> {
    call(
        "GET",
        &format!("/api/events/{event}/organisations"),
        Body::None,
    )
    .await
}

pub async fn create_organisation(event: EventId, name: &str) -> Answer<Organisation> {
    let path = format!("/api/events/{event}/organisations");
    call("POST", &path, json(&NameBody { name })).await
}

/// Renames, merges or maps an organisation; its records follow.
pub async fn merge_organisation(
    event: EventId,
    from: &str,
    into: &str,
) -> Answer<OrganisationMerged> {
    let body = OrganisationMerge {
        from: from.to_string(),
        into: into.to_string(),
    };
    let path = format!("/api/events/{event}/organisations/merge");
    call("POST", &path, json(&body)).await
}

/// Names on records that the event's list does not have.
pub async fn unlisted_organisations(event: EventId) -> Answer<Vec<UnlistedOrganisation>> {
    let path = format!("/api/events/{event}/organisations/unlisted");
    call("GET", &path, Body::None).await
}

/// What a CSV file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    Venues,
    Organisations,
}

impl ImportKind {
    pub fn path(self) -> &'static str {
        match self {
            ImportKind::Venues => "venues",
            ImportKind::Organisations => "organisations",
        }
    }
}

pub async fn import_csv(event: EventId, kind: ImportKind, bytes: Vec<u8>) -> Answer<ImportSummary> {
    let path = format!("/api/events/{event}/import/{}", kind.path());
    call("POST", &path, Body::Csv(bytes)).await
}

// ---- dashboard ----

pub use baodao_core::dashboard::{Counts, Dashboard, OrganisationCounts, VenueCounts};

pub fn dashboard_path(event: EventId) -> String {
    format!("/api/events/{event}/dashboard?bucket_minutes=15")
}

pub async fn dashboard(event: EventId) -> Answer<Dashboard> {
    call("GET", &dashboard_path(event), Body::None).await
}

/// Every record, as `csv` or `xlsx`.
pub fn export_path(event: EventId, format: &str) -> String {
    format!("/api/events/{event}/export.{format}")
}

/// Hours per volunteer, as `csv` or `xlsx`.
pub fn hours_path(event: EventId, format: &str) -> String {
    format!("/api/events/{event}/hours.{format}")
}

// ---- invites ----

pub async fn invites(event: EventId) -> Answer<Vec<Invite>> {
    call("GET", &format!("/api/events/{event}/invites"), Body::None).await
}

pub async fn create_invite(event: EventId, form: &NewInvite) -> Answer<Invite> {
    call("POST", &format!("/api/events/{event}/invites"), json(form)).await
}

/// One invite per venue, made in one request.
pub async fn create_venue_invites(
    event: EventId,
    form: &VenueInvites,
) -> Answer<Vec<VenueInviteLink>> {
    let path = format!("/api/events/{event}/invites/venues");
    call("POST", &path, json(form)).await
}

pub async fn revoke_invite(id: i64) -> Answer<Invite> {
    call("POST", &format!("/api/invites/{id}/revoke"), Body::None).await
}

// ---- posters ----

pub async fn posters(event: EventId) -> Answer<Vec<Poster>> {
    call("GET", &format!("/api/events/{event}/posters"), Body::None).await
}

pub async fn poster(venue: VenueId) -> Answer<Poster> {
    call("GET", &format!("/api/venues/{venue}/poster"), Body::None).await
}

// ---- venue lead ----

pub async fn venue(venue: VenueId) -> Answer<VenueDetail> {
    call("GET", &format!("/api/venues/{venue}"), Body::None).await
}

/// Which people of the roster to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeopleFilter {
    All,
    Present,
    Left,
}

impl PeopleFilter {
    pub fn as_str(self) -> &'static str {
        match self {
            PeopleFilter::All => "all",
            PeopleFilter::Present => "present",
            PeopleFilter::Left => "left",
        }
    }
}

pub async fn people(venue: VenueId, query: &str, filter: PeopleFilter) -> Answer<People> {
    let q = String::from(js_sys::encode_uri_component(query));
    let path = format!(
        "/api/venues/{venue}/people?q={q}&status={}",
        filter.as_str()
    );
    call("GET", &path, Body::None).await
}

/// A person found for assisted check-in, with the details the record needs.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct VolunteerMatch {
    pub volunteer: Volunteer,
    #[serde(default)]
    pub present: bool,
    #[serde(default)]
    pub last_ms: Option<i64>,
}

pub async fn find_volunteers(venue: VenueId, query: &str) -> Answer<Vec<VolunteerMatch>> {
    let q = String::from(js_sys::encode_uri_component(query));
    call(
        "GET",
        &format!("/api/venues/{venue}/volunteers?q={q}"),
        Body::None,
    )
    .await
}

pub async fn review_queue(venue: VenueId) -> Answer<Vec<RosterEntry>> {
    call("GET", &format!("/api/venues/{venue}/review"), Body::None).await
}

#[derive(Serialize)]
struct ReviewBody<'a> {
    decision: &'a str,
    note: &'a str,
}

pub async fn review(record: uuid::Uuid, accept: bool, note: &str) -> Answer<serde_json::Value> {
    let decision = if accept { "accept" } else { "reject" };
    let path = format!("/api/checkins/{record}/review");
    call("POST", &path, json(&ReviewBody { decision, note })).await
}

#[derive(Debug, Clone, Copy, Deserialize)]
pub struct CheckoutAll {
    pub checked_out: u32,
}

pub async fn checkout_all(venue: VenueId) -> Answer<CheckoutAll> {
    let path = format!("/api/venues/{venue}/checkout-all");
    call("POST", &path, Body::Json("{}".into())).await
}

/// Assisted records, sent with the lead's session (not a device token), so
/// the server stores them as `assisted` and checks the lead's venues.
pub async fn sync_assisted(batch: &SyncBatch) -> Result<SyncResponse, crate::api::ApiFailure> {
    call("POST", "/api/sync", json(batch))
        .await
        .map_err(|f| f.failure)
}
