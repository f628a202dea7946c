use crate::components::organisation_picker::OrganisationPicker;
use crate::components::volunteer_input::{NameAndMobile, VolunteerInput};
use crate::i18n::use_i18n;
use crate::profile;
use baodao_core::Volunteer;
use leptos::prelude::*;

/// First-use form: name, mobile number, organisation. Validated with the same
/// rules the server applies, so nothing invalid is ever stored. The mobile
/// number is shown in full here only: everywhere else it is masked.
#[component]
pub fn ProfileForm(
    /// The event's organisations and their pinyin initials (same order).
    organisations: Vec<String>,
    organisation_initials: Vec<String>,
    initial: Option<Volunteer>,
    on_saved: Callback<Volunteer>,
) -> impl IntoView {
    let i18n = use_i18n();
    let editing = initial.is_some();
    let input = VolunteerInput::new(initial, organisations);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(volunteer) = input.checked() {
            // Not being able to remember the profile is no reason to block
            // the check-in: it is asked again next time.
            profile::save(&volunteer);
            on_saved.run(volunteer);
        }
    };
    let title = if editing {
        "profile-edit_title"
    } else {
        "profile-title"
    };

    view! {
        <form class="card profile-form" on:submit=submit novalidate>
            <h1>{i18n.t(title)}</h1>
            <p class="hint">{i18n.t("profile-intro")}</p>
            <NameAndMobile input=input ids=("profile-name", "profile-mobile") own=true />
            <OrganisationPicker
                id="profile-organisation"
                own=true
                initials=organisation_initials
                input=input
            />
            <button class="primary" type="submit">{i18n.t("profile-save")}</button>
        </form>
    }
}
