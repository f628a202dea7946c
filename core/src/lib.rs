//! Baodao's shared protocol, compiled natively for the server and to wasm32 for
//! the widget. Every type that crosses the wire is defined here once.
//!
//! The data path: a venue's QR holds a [`venue_link`] → the widget builds a
//! [`checkin::CheckIn`] for a [`volunteer::Volunteer`] → its outbox sends a
//! [`sync::SyncBatch`] → the server answers with a [`sync::SyncResponse`].

pub mod checkin;
pub mod dashboard;
pub mod event;
pub mod hours;
pub mod ids;
pub mod import;
pub mod invites;
pub mod organisation_search;
pub mod organisations;
pub mod session;
pub mod stable_sort;
pub mod sync;
pub mod text;
pub mod venue_code;
pub mod venue_link;
pub mod venues;
pub mod volunteer;

pub use checkin::{CheckIn, CheckKind};
pub use ids::{EventId, VenueId};
pub use volunteer::Volunteer;
