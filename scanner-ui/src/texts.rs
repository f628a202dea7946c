//! The scan screen's own texts (`locales/{lang}/scan.ftl`): they come with
//! this on-demand module instead of weighing on the widget's first-screen
//! download. Other keys (the screen's title, the widget's verdicts on
//! foreign codes, e.g. `error-not_baodao`) are asked of the widget.

/// The text for `key` in the language tagged `lang` (`zh-CN` or `en`, as
/// the widget's), when `key` is one of the scan screen's.
pub fn own(lang: &str, key: &str) -> Option<&'static str> {
    let file = if lang == "en" {
        baodao_locales::EN.scan
    } else {
        baodao_locales::ZH_CN.scan
    };
    baodao_locales::message(file, key)
}
