//! How a record shows its person was here, in the lead's words: a poster's
//! code or a typed short code proves less than the screen's.

use crate::i18n::use_i18n;
use baodao_core::event::Proof;
use leptos::prelude::*;

#[component]
pub fn ProofLabel(proof: Proof) -> impl IntoView {
    let i18n = use_i18n();
    let key = match proof {
        Proof::Screen => "proof-screen",
        Proof::Poster => "proof-poster",
        Proof::ShortCode => "proof-short_code",
        Proof::Lead => "proof-lead",
    };
    view! { <small class="proof" data-proof=proof.as_str()>{i18n.t(key)}</small> }
}
