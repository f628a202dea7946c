//! The scan screen's own texts (`locales/scan.*.txt`): they come with this
//! on-demand module instead of weighing on the widget's first-screen
//! download. Other keys (the widget's verdicts on foreign codes, e.g.
//! `error.not_baodao`) are asked of the widget.

const ZH_CN: &str = include_str!("../../locales/scan.zh-CN.txt");
const EN: &str = include_str!("../../locales/scan.en.txt");

/// The text for `key` in the language tagged `lang` (`zh-CN` or `en`, as
/// the widget's), when `key` is one of the scan screen's.
pub fn own(lang: &str, key: &str) -> Option<&'static str> {
    let source = if lang == "en" { EN } else { ZH_CN };
    source
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix(" = "))
        .map(str::trim)
}
