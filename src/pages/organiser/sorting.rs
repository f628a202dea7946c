//! Tables sorted by a click on a column's header: the header holds a
//! button (keyboard and screen readers reach it) and says the order with
//! `aria-sort`; a second click reverses it.

use crate::console::api::Counts;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use std::cmp::Ordering;
use wasm_bindgen::JsValue;

/// The column a table is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Name,
    CheckedIn,
    Present,
    CheckedOut,
}

impl SortKey {
    fn name(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::CheckedIn => "checked_in",
            SortKey::Present => "present",
            SortKey::CheckedOut => "checked_out",
        }
    }

    fn count(self, c: &Counts) -> u32 {
        match self {
            SortKey::Name => 0,
            SortKey::CheckedIn => c.checked_in,
            SortKey::Present => c.present,
            SortKey::CheckedOut => c.checked_out,
        }
    }
}

/// A table's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

impl Sort {
    /// Names from A (or 阿) on, numbers largest first: what one looks for
    /// first in each.
    pub fn new(key: SortKey) -> Sort {
        Sort {
            key,
            descending: key != SortKey::Name,
        }
    }

    /// After a click on `key`'s header.
    fn clicked(self, key: SortKey) -> Sort {
        if self.key == key {
            Sort {
                key,
                descending: !self.descending,
            }
        } else {
            Sort::new(key)
        }
    }

    fn aria(self, key: SortKey) -> Option<&'static str> {
        (self.key == key).then_some(if self.descending {
            "descending"
        } else {
            "ascending"
        })
    }

    /// Orders two rows; equal numbers fall back to the names.
    pub fn compare(self, a_name: &str, a: &Counts, b_name: &str, b: &Counts) -> Ordering {
        let by_name = || collate(a_name, b_name);
        let order = match self.key {
            SortKey::Name => by_name(),
            key => key.count(a).cmp(&key.count(b)),
        };
        let order = if self.descending {
            order.reverse()
        } else {
            order
        };
        order.then_with(by_name)
    }
}

thread_local! {
    /// Chinese names in pinyin order (a code-point order means nothing to
    /// a reader); Latin names alphabetically.
    static COLLATOR: js_sys::Function = js_sys::Intl::Collator::new(
        &js_sys::Array::of1(&JsValue::from_str("zh-CN")),
        &js_sys::Object::new(),
    )
    .compare();
}

fn collate(a: &str, b: &str) -> Ordering {
    COLLATOR
        .with(|compare| {
            compare
                .call2(&JsValue::NULL, &JsValue::from_str(a), &JsValue::from_str(b))
                .ok()
                .and_then(|n| n.as_f64())
        })
        .and_then(|n| n.partial_cmp(&0.0))
        .unwrap_or_else(|| a.cmp(b))
}

/// A column header that sorts the table by its column.
#[component]
pub fn SortHeader(sort: RwSignal<Sort>, key: SortKey, label: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let numeric = key != SortKey::Name;
    let arrow = move || match sort.get().aria(key) {
        Some("descending") => "↓",
        Some(_) => "↑",
        None => "↕",
    };
    view! {
        <th scope="col" class:num=numeric aria-sort=move || sort.get().aria(key)>
            <button
                type="button"
                class="sort"
                data-sort=key.name()
                on:click=move |_| sort.update(|s| *s = s.clicked(key))
            >
                {i18n.t(label)}
                <span class="sort-arrow" aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}
