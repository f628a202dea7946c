use super::organisation_picker::OrganisationPicker;
use crate::components::field::Field;
use crate::i18n::use_i18n;
use crate::profile;
use crate::user_error::UserError;
use baodao_core::volunteer::VolunteerError;
use baodao_core::Volunteer;
use leptos::prelude::*;

const NAME: &[VolunteerError] = &[
    VolunteerError::NameEmpty,
    VolunteerError::NameTooLong,
    VolunteerError::NameInvalid,
];
const MOBILE: &[VolunteerError] = &[VolunteerError::MobileInvalid];
const ORGANISATION: &[VolunteerError] = &[
    VolunteerError::OrganisationEmpty,
    VolunteerError::OrganisationTooLong,
];

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
    let name = RwSignal::new(initial.as_ref().map(|v| v.name.clone()).unwrap_or_default());
    let mobile = RwSignal::new(
        initial
            .as_ref()
            .map(|v| v.mobile.clone())
            .unwrap_or_default(),
    );
    let organisation = RwSignal::new(initial.map(|v| v.organisation).unwrap_or_default());
    let error = RwSignal::new(None::<VolunteerError>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match Volunteer::new(
            &name.get_untracked(),
            &mobile.get_untracked(),
            &organisation.get_untracked(),
        ) {
            Ok(volunteer) => {
                error.set(None);
                // Not being able to remember the profile is no reason to block
                // the check-in: it is asked again next time.
                profile::save(&volunteer);
                on_saved.run(volunteer);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    // The message for one field, when the error is about it.
    let message_for = move |fields: &'static [VolunteerError]| {
        Signal::derive(move || {
            error
                .get()
                .filter(|e| fields.contains(e))
                .map(|e| UserError::Volunteer(e).message(i18n.lang.get()))
        })
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
            <Field
                id="profile-name"
                name="name"
                label="profile-name"
                autocomplete="name"
                value=name
                error=message_for(NAME)
            />
            <Field
                id="profile-mobile"
                name="mobile"
                label="profile-mobile"
                input_type="tel"
                inputmode="numeric"
                autocomplete="tel-national"
                value=mobile
                error=message_for(MOBILE)
            />
            <OrganisationPicker
                names=organisations
                initials=organisation_initials
                value=organisation
                error=message_for(ORGANISATION)
            />
            <button class="primary" type="submit">{i18n.t("profile-save")}</button>
        </form>
    }
}
