use crate::i18n::use_i18n;
use crate::user_error::UserError;
use leptos::prelude::*;

/// A problem the volunteer must act on, in plain words.
#[component]
pub fn ErrorPanel(error: UserError) -> impl IntoView {
    let i18n = use_i18n();
    let code = error.key();
    view! {
        <div class="error-panel" role="alert" data-error=code>
            {move || error.message(i18n.lang.get())}
        </div>
    }
}
