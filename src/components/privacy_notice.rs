use crate::i18n::use_i18n;
use leptos::prelude::*;

/// The personal-information notice (see [`crate::privacy`]): what is
/// collected, why, who sees it, how long it is kept. With `on_accept` it asks
/// for acceptance (before the first check-in), with a way out for those who
/// do not accept; without, it is the read-only copy on the home screen.
#[component]
pub fn PrivacyNotice(
    /// Days records are kept after the event; `None` when not known on
    /// this phone yet (offline, event never loaded).
    retention_days: Option<u32>,
    #[prop(optional)] on_accept: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let declined = RwSignal::new(false);
    let how_long = move || {
        let lang = i18n.lang.get();
        match retention_days {
            Some(days) => lang.format("privacy-how_long", &[("days", &days.to_string())]),
            None => lang.text("privacy-how_long_unknown"),
        }
    };
    let asking = on_accept.is_some();
    view! {
        <div class="privacy-notice" data-retention-days=retention_days.map(|d| d.to_string())>
            {asking.then(|| view! { <h1>{i18n.t("privacy-title")}</h1> })}
            <p>{i18n.t("privacy-intro")}</p>
            <dl class="privacy-points">
                <dt>{i18n.t("privacy-what_label")}</dt>
                <dd>{i18n.t("privacy-what")}</dd>
                <dt>{i18n.t("privacy-why_label")}</dt>
                <dd>{i18n.t("privacy-why")}</dd>
                <dt>{i18n.t("privacy-who_label")}</dt>
                <dd>{i18n.t("privacy-who")}</dd>
                <dt>{i18n.t("privacy-how_long_label")}</dt>
                <dd class="privacy-how-long">{how_long}</dd>
                <dt>{i18n.t("privacy-phone_label")}</dt>
                <dd>{i18n.t("privacy-phone")}</dd>
            </dl>
            {on_accept
                .map(|accept| {
                    view! {
                        <button class="primary accept" type="button" on:click=move |_| accept.run(())>
                            {i18n.t("privacy-accept")}
                        </button>
                        <button
                            class="secondary decline"
                            type="button"
                            on:click=move |_| declined.set(true)
                        >
                            {i18n.t("privacy-decline")}
                        </button>
                        <Show when=move || declined.get()>
                            <p class="privacy-declined" role="status">
                                {i18n.t("privacy-declined")}
                            </p>
                        </Show>
                    }
                })}
        </div>
    }
}
