//! The volunteer's details, remembered on this phone after first use, and
//! "forget me on this phone".

use crate::local_store;
use crate::outbox::{self, Delivery};
use crate::privacy;
use crate::sync::SyncStatus;
use baodao_core::Volunteer;
use leptos::prelude::*;

const KEY: &str = "baodao.profile";

pub fn load() -> Option<Volunteer> {
    local_store::get_json::<Volunteer>(KEY).filter(|v| v.validate().is_ok())
}

pub fn save(volunteer: &Volunteer) -> bool {
    local_store::set_json(KEY, volunteer)
}

/// Why "forget me" did not (fully) happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForgetRefused {
    /// Records wait for the server: removing them would lose the
    /// volunteer's check-ins, so nothing is removed until they are synced.
    Unsynced(usize),
    /// The phone's storage refused to delete the records.
    Storage,
}

/// Removes the profile, the notice's acceptance and every record the server
/// has answered from this phone. Refuses, removing nothing, while any record
/// is still pending (read from storage, so another tab's records count).
pub async fn forget(status: &SyncStatus) -> Result<(), ForgetRefused> {
    let records = outbox::all().await.map_err(|_| ForgetRefused::Storage)?;
    let pending = records
        .iter()
        .filter(|r| r.delivery == Delivery::Pending)
        .count();
    if pending > 0 {
        return Err(ForgetRefused::Unsynced(pending));
    }
    let ids: Vec<_> = records.iter().map(|r| r.checkin.id).collect();
    outbox::remove(&ids)
        .await
        .map_err(|_| ForgetRefused::Storage)?;
    local_store::remove(KEY);
    privacy::forget();
    status
        .records
        .update(|r| r.retain(|r| !ids.contains(&r.checkin.id)));
    Ok(())
}
