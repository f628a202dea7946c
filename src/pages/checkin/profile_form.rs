use crate::i18n::use_i18n;
use crate::profile;
use crate::user_error::UserError;
use baodao_core::volunteer::VolunteerError;
use baodao_core::Volunteer;
use leptos::prelude::*;

/// First-use form: name, mobile number, organisation. Validated with the same
/// rules the server applies, so nothing invalid is ever stored.
#[component]
pub fn ProfileForm(
    organisations: Vec<String>,
    initial: Option<Volunteer>,
    on_saved: Callback<Volunteer>,
) -> impl IntoView {
    let i18n = use_i18n();
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
    let field_error = move |fields: &'static [VolunteerError]| {
        move || {
            error.get().filter(|e| fields.contains(e)).map(|e| {
                view! {
                    <p class="field-error" role="alert">
                        {UserError::Volunteer(e).message(i18n.lang.get())}
                    </p>
                }
            })
        }
    };
    let invalid = move |fields: &'static [VolunteerError]| {
        move || {
            error
                .get()
                .map(|e| fields.contains(&e))
                .unwrap_or(false)
                .to_string()
        }
    };
    const NAME: &[VolunteerError] = &[
        VolunteerError::NameEmpty,
        VolunteerError::NameTooLong,
        VolunteerError::NameInvalid,
    ];
    const MOBILE: &[VolunteerError] = &[VolunteerError::MobileInvalid];
    const ORG: &[VolunteerError] = &[
        VolunteerError::OrganisationEmpty,
        VolunteerError::OrganisationTooLong,
    ];

    view! {
        <form class="card profile-form" on:submit=submit novalidate>
            <h1>{i18n.t("profile.title")}</h1>
            <p class="hint">{i18n.t("profile.intro")}</p>
            <label for="profile-name">{i18n.t("profile.name")}</label>
            <input
                id="profile-name"
                name="name"
                autocomplete="name"
                aria-invalid=invalid(NAME)
                prop:value=name
                on:input=move |ev| name.set(event_target_value(&ev))
            />
            {field_error(NAME)}
            <label for="profile-mobile">{i18n.t("profile.mobile")}</label>
            <input
                id="profile-mobile"
                name="mobile"
                type="tel"
                inputmode="numeric"
                autocomplete="tel-national"
                aria-invalid=invalid(MOBILE)
                prop:value=mobile
                on:input=move |ev| mobile.set(event_target_value(&ev))
            />
            {field_error(MOBILE)}
            <label for="profile-organisation">{i18n.t("profile.organisation")}</label>
            <input
                id="profile-organisation"
                name="organisation"
                list="organisation-list"
                placeholder=i18n.t("profile.organisation_pick")
                aria-invalid=invalid(ORG)
                prop:value=organisation
                on:input=move |ev| organisation.set(event_target_value(&ev))
            />
            <datalist id="organisation-list">
                {organisations.into_iter().map(|o| view! { <option value=o></option> }).collect_view()}
            </datalist>
            {field_error(ORG)}
            <button class="primary" type="submit">{i18n.t("profile.save")}</button>
        </form>
    }
}
