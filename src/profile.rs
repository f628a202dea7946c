//! The volunteer's details, remembered on this phone after first use.

use crate::local_store;
use baodao_core::Volunteer;

const KEY: &str = "baodao.profile";

pub fn load() -> Option<Volunteer> {
    local_store::get_json::<Volunteer>(KEY).filter(|v| v.validate().is_ok())
}

pub fn save(volunteer: &Volunteer) -> bool {
    local_store::set_json(KEY, volunteer)
}
