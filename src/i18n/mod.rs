//! Translations. All user-facing text lives in the Fluent files of
//! `locales/` ([`baodao_locales`]), never in components; a test there checks
//! that both languages have the same messages and placeables.
//!
//! Chinese is the default: most volunteers read it first, and an English
//! browser gets English.
//!
//! `widget.ftl` holds what the volunteer app shows (and the console shares);
//! `console.ftl` what only the console shows, and `scan.ftl` the scan
//! screen's, which come with its on-demand module (`scanner-ui/`). The
//! console adds its texts at start ([`add_console_texts`]); the volunteer
//! app never names them, so they are not linked into its first-screen
//! download.
//!
//! English is not in the volunteer's download either: most volunteers read
//! Chinese, and the English texts are kilobytes the first screen would carry
//! for everyone. An English reader's phone fetches them once ([`english`]),
//! keeps them, and shows Chinese until they come. The console has them built
//! in ([`add_english`]).

mod english;

use leptos::prelude::*;
use std::cell::Cell;
use std::sync::OnceLock;

const LANG_STORAGE_KEY: &str = "baodao.lang";

/// The console's own texts, by language (`console.ftl`).
#[derive(Clone, Copy)]
pub struct ConsoleTexts {
    pub zh_cn: &'static str,
    pub en: &'static str,
}

/// The console's texts. Named only by the console binary, never by the
/// volunteer app.
pub const CONSOLE_TEXTS: ConsoleTexts = ConsoleTexts {
    zh_cn: baodao_locales::ZH_CN.console,
    en: baodao_locales::EN.console,
};

thread_local! {
    static EXTRA: Cell<Option<ConsoleTexts>> = const { Cell::new(None) };
    static ENGLISH: Cell<Option<&'static str>> = const { Cell::new(None) };
}

/// The English `widget.ftl`, built in (the console) or fetched
/// ([`english`]). Until it is added, English shows Chinese.
pub fn add_english(widget: &'static str) {
    ENGLISH.with(|e| e.set(Some(widget)));
}

fn has_english() -> bool {
    ENGLISH.with(Cell::get).is_some()
}

/// Adds the console's texts to both languages; call once at start, before
/// anything is shown.
pub fn add_console_texts(texts: ConsoleTexts) {
    EXTRA.with(|e| e.set(Some(texts)));
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    ZhCn,
    En,
}

impl Lang {
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::ZhCn => Lang::En,
            Lang::En => Lang::ZhCn,
        }
    }

    /// The remembered choice, else the browser's language, else Chinese.
    pub fn detect() -> Lang {
        let stored = crate::local_store::get(LANG_STORAGE_KEY);
        let preferred = stored.or_else(|| window().navigator().language());
        match preferred {
            Some(tag) if tag.to_ascii_lowercase().starts_with("en") => Lang::En,
            _ => Lang::ZhCn,
        }
    }

    /// The language's texts; Chinese for English until they are added.
    fn table(self) -> &'static Table {
        static ZH: OnceLock<Table> = OnceLock::new();
        static ENG: OnceLock<Table> = OnceLock::new();
        let build = |own: &'static str, extra: fn(ConsoleTexts) -> &'static str| {
            let mut table: Table = baodao_locales::messages(own).collect();
            if let Some(texts) = EXTRA.with(Cell::get) {
                table.extend(baodao_locales::messages(extra(texts)));
            }
            table
        };
        match self {
            Lang::ZhCn => ZH.get_or_init(|| build(baodao_locales::ZH_CN.widget, |t| t.zh_cn)),
            Lang::En => match ENGLISH.with(Cell::get) {
                Some(widget) => ENG.get_or_init(|| build(widget, |t| t.en)),
                None => Lang::ZhCn.table(),
            },
        }
    }

    /// The text for `key`. A phone's English copy from an older version
    /// may lack a newer key: Chinese then. A key missing from both shows
    /// itself, so a gap is visible rather than blank (and the key-parity
    /// test catches it first).
    pub fn text(self, key: &str) -> String {
        let find = |lang: Lang| {
            lang.table()
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, text)| *text)
        };
        find(self)
            .or_else(|| find(Lang::ZhCn))
            .unwrap_or(key)
            .to_string()
    }

    /// The text for `key` with its `{ $name }` placeables filled in.
    pub fn format(self, key: &str, args: &[(&str, &str)]) -> String {
        baodao_locales::format(&self.text(key), args)
    }
}

/// A language's texts by key. A list searched in order rather than a
/// `HashMap`: a few hundred short keys are found as fast, and the widget's
/// first-screen download has no hash table code for it to carry.
type Table = Vec<(&'static str, &'static str)>;

/// The current language, shared through context.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    pub fn provide() -> I18n {
        let i18n = I18n {
            lang: RwSignal::new(Lang::detect()),
        };
        provide_context(i18n);
        // Before the first render: the phone's copy, if any, shows at once.
        english::load_if_english(i18n.lang);
        Effect::new(move |_| {
            let lang = i18n.lang.get();
            english::load_if_english(i18n.lang);
            if let Some(root) = document().document_element() {
                let _ = root.set_attribute("lang", lang.tag());
            }
        });
        i18n
    }

    pub fn toggle(&self) {
        let next = self.lang.get_untracked().other();
        crate::local_store::set(LANG_STORAGE_KEY, next.tag());
        self.lang.set(next);
    }

    /// Reactive text for `key`.
    pub fn t(&self, key: &'static str) -> impl Fn() -> String + Clone + Send + Sync + 'static {
        let lang = self.lang;
        move || lang.get().text(key)
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
