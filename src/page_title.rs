//! The page's `<title>`: which screen this is, in the current language
//! (WCAG 2.4.2), so that a screen reader announcing the page, the browser's
//! tabs and its history all say where the visitor is. Both apps change
//! screens without a page load, so each screen sets it while it is shown.

use crate::i18n::{use_i18n, Lang};
use leptos::prelude::*;

/// Sets the title to "`screen` · Baodao" in `lang`.
pub fn set(lang: Lang, screen: &str) {
    document().set_title(&format!("{screen} · {}", lang.text("app-title")));
}

/// Keeps the title on `screen(lang)` while the calling component is shown,
/// following language changes (and any signal `screen` reads).
pub fn show(screen: impl Fn(Lang) -> String + 'static) {
    let lang = use_i18n().lang;
    Effect::new(move |_| {
        let lang = lang.get();
        set(lang, &screen(lang));
    });
}

/// [`show`] for a screen whose name is one text.
pub fn show_text(key: &'static str) {
    show(move |lang| lang.text(key));
}

/// Sets the title while shown, for screens whose parts are chosen in a
/// view (e.g. the branch of a `<Show>` that the visitor may open, where the
/// other branch, [`crate::console::sign_in::NotAllowed`], sets its own).
#[component]
pub fn PageTitle(text: &'static str) -> impl IntoView {
    show_text(text);
}
