//! A person's name, mobile number and organisation as typed into a form: by a
//! volunteer about themselves, or by a venue lead adding someone without a
//! smartphone. Both are checked with the rules the server applies
//! ([`Volunteer::new`]), and each error is shown under the field it is about.

use crate::components::field::Field;
use crate::i18n::{use_i18n, I18n};
use crate::user_error::UserError;
use baodao_core::volunteer::VolunteerError;
use baodao_core::Volunteer;
use leptos::prelude::*;

/// Which errors belong under which field.
const NAME: &[VolunteerError] = &[
    VolunteerError::NameEmpty,
    VolunteerError::NameTooLong,
    VolunteerError::NameInvalid,
];
const MOBILE: &[VolunteerError] = &[VolunteerError::MobileInvalid];
pub const ORGANISATION: &[VolunteerError] = &[
    VolunteerError::OrganisationEmpty,
    VolunteerError::OrganisationTooLong,
    VolunteerError::OrganisationInvalid,
    VolunteerError::OrganisationNotChosen,
];

/// What is typed into the three fields, and what is wrong with it.
#[derive(Clone, Copy)]
pub struct VolunteerInput {
    pub name: RwSignal<String>,
    pub mobile: RwSignal<String>,
    pub organisation: RwSignal<String>,
    /// The event's organisations, picked from ([`Volunteer::chosen`]).
    pub listed: StoredValue<Vec<String>>,
    /// The person said their organisation is not in `listed`.
    pub unlisted: RwSignal<bool>,
    error: RwSignal<Option<VolunteerError>>,
}

impl VolunteerInput {
    pub fn new(initial: Option<Volunteer>, listed: Vec<String>) -> Self {
        let (name, mobile, organisation) = initial
            .map(|v| (v.name, v.mobile, v.organisation))
            .unwrap_or_default();
        // Saved before as not listed (or before the list changed): still so.
        let unlisted = !organisation.is_empty() && !listed.contains(&organisation);
        VolunteerInput {
            name: RwSignal::new(name),
            mobile: RwSignal::new(mobile),
            organisation: RwSignal::new(organisation),
            listed: StoredValue::new(listed),
            unlisted: RwSignal::new(unlisted),
            error: RwSignal::new(None),
        }
    }

    /// The person typed in, or `None` with the error shown at its field.
    pub fn checked(&self) -> Option<Volunteer> {
        let checked = self.listed.with_value(|listed| {
            Volunteer::chosen(
                &self.name.get_untracked(),
                &self.mobile.get_untracked(),
                &self.organisation.get_untracked(),
                listed,
                self.unlisted.get_untracked(),
            )
        });
        self.error.set(checked.as_ref().err().copied());
        checked.ok()
    }

    /// Takes an error off the screen once the field it is about (one of
    /// [`NAME`], [`MOBILE`], [`ORGANISATION`]) has been dealt with.
    pub fn clear_error(&self, fields: &'static [VolunteerError]) {
        if self
            .error
            .with_untracked(|e| e.is_some_and(|e| fields.contains(&e)))
        {
            self.error.set(None);
        }
    }

    /// Empties the fields for the next person.
    pub fn clear(&self) {
        self.name.set(String::new());
        self.mobile.set(String::new());
        self.organisation.set(String::new());
        self.unlisted.set(false);
    }

    /// The message for one field (one of [`NAME`], [`MOBILE`],
    /// [`ORGANISATION`]), while the error is about it.
    pub fn message_for(
        &self,
        i18n: I18n,
        fields: &'static [VolunteerError],
    ) -> Signal<Option<String>> {
        let error = self.error;
        Signal::derive(move || {
            error
                .get()
                .filter(|e| fields.contains(e))
                .map(|e| UserError::Volunteer(e).message(i18n.lang.get()))
        })
    }
}

/// The name and mobile number fields, at `ids` (name, mobile). `own`: the
/// person is the one holding the phone, so the browser may fill in its
/// owner's details; a lead types someone else's.
#[component]
pub fn NameAndMobile(
    input: VolunteerInput,
    ids: (&'static str, &'static str),
    own: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let autocomplete = move |what: &'static str| if own { what } else { "off" };
    view! {
        <Field
            id=ids.0
            name="name"
            label="profile-name"
            autocomplete=autocomplete("name")
            value=input.name
            error=input.message_for(i18n, NAME)
        />
        <Field
            id=ids.1
            name="mobile"
            label="profile-mobile"
            input_type="tel"
            inputmode="numeric"
            autocomplete=autocomplete("tel-national")
            value=input.mobile
            error=input.message_for(i18n, MOBILE)
        />
    }
}
