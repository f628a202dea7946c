//! One module per screen.

pub mod checkin;
pub mod home;
pub mod lead;
pub mod organiser;
pub mod scan;
pub mod venue_lead;
