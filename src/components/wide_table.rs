use crate::i18n::use_i18n;
use leptos::prelude::*;

/// A table that can be wider than a phone (English headings, long names):
/// it scrolls sideways inside its box. The box takes keyboard focus, so the
/// arrow keys can scroll it without a mouse (WCAG 2.1.1; axe's
/// scrollable-region-focusable), and is a region named by `label` (a text
/// key), so a screen reader says what the focus landed on.
#[component]
pub fn WideTable(label: &'static str, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=i18n.t(label)>
            {children()}
        </div>
    }
}
