use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;
use crate::user_error::UserError;
use leptos::prelude::*;

/// What a console screen loaded from the server: shown by `ok`, or why it
/// failed (the error panel). While it reloads, the last answer stays on
/// screen (a `Transition`); before the first one, a "loading" line when
/// `loading` is set, else nothing.
#[component]
pub fn Loaded<T, V, F>(
    answer: LocalResource<Result<T, UserError>>,
    ok: F,
    #[prop(optional)] loading: bool,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
{
    let i18n = use_i18n();
    view! {
        <Transition fallback=move || loading.then(|| view! { <p class="card loading">{i18n.t("checkin-loading")}</p> })>
            {move || {
                answer
                    .get()
                    .map(|r| match r {
                        Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                        Ok(v) => ok(v).into_any(),
                    })
            }}
        </Transition>
    }
}
