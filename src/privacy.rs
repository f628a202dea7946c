//! The personal-information notice (China's PIPL): what Baodao collects, why,
//! who sees it and for how long, accepted by the volunteer before their first
//! check-in. The acceptance is remembered with the notice's version, so that
//! a changed notice is shown (and accepted) again.

use crate::local_store;

/// Bump when the notice's meaning changes (its `privacy-*` texts in
/// locales/): everyone is asked again before their next check-in.
pub const NOTICE_VERSION: &str = "1";
const KEY: &str = "baodao.privacy_accepted";

/// Whether this phone accepted the current version of the notice.
pub fn accepted() -> bool {
    local_store::get(KEY).as_deref() == Some(NOTICE_VERSION)
}

/// Remembers acceptance of the current version. False when it could not be
/// stored (the notice is then shown again next time; nothing else is lost).
pub fn accept() -> bool {
    local_store::set(KEY, NOTICE_VERSION)
}

/// Forgets the acceptance ("forget me"): the next person using this phone
/// reads the notice themselves.
pub fn forget() {
    local_store::remove(KEY);
}
