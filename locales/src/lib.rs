//! Baodao's translations: Project Fluent files in `{lang}/*.ftl` (zh-CN and
//! en), and the reader the widget and the scan screen use.
//!
//! - `widget.ftl`: the volunteer app's texts (the console shares them);
//! - `console.ftl`: the console's own, which the volunteer app never names,
//!   so they stay out of a volunteer's first-screen download;
//! - `scan.ftl`: the scan screen's, which come with its on-demand module.
//!
//! The reader knows the subset of Fluent these files use: one-line messages
//! `id = text` whose placeables are variables, `{ $name }`; `#` comments.
//! The full `fluent` crates would cost the first screen tens of KB for
//! plurals, selectors and functions it does not need. `tests/fluent_files.rs`
//! parses every file with the real Fluent parser and fails on anything the
//! reader would read differently, and on a message or placeable that one
//! language has and the other has not.

/// The files of one language, without their comments (`build.rs`).
#[derive(Clone, Copy)]
pub struct Files {
    pub widget: &'static str,
    pub console: &'static str,
    pub scan: &'static str,
}

pub const ZH_CN: Files = Files {
    widget: include_str!(concat!(env!("OUT_DIR"), "/zh-CN/widget.ftl")),
    console: include_str!(concat!(env!("OUT_DIR"), "/zh-CN/console.ftl")),
    scan: include_str!(concat!(env!("OUT_DIR"), "/zh-CN/scan.ftl")),
};

pub const EN: Files = Files {
    widget: include_str!(concat!(env!("OUT_DIR"), "/en/widget.ftl")),
    console: include_str!(concat!(env!("OUT_DIR"), "/en/console.ftl")),
    scan: include_str!(concat!(env!("OUT_DIR"), "/en/scan.ftl")),
};

/// The messages of a file, `(id, text)`, in order. Text keeps its
/// placeables for [`format`].
///
/// Written for a small wasm: only single-character patterns, whose search
/// code is far smaller than a substring search's.
pub fn messages(source: &str) -> impl Iterator<Item = (&str, &str)> {
    source
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let (id, text) = line.split_once('=')?;
            Some((
                id.strip_suffix(' ')?,
                text.strip_prefix(' ')?.trim_end_matches(' '),
            ))
        })
}

/// The text of message `id` in `source`.
pub fn message<'a>(source: &'a str, id: &str) -> Option<&'a str> {
    messages(source).find_map(|(k, text)| (k == id).then_some(text))
}

/// `text` with its `{ $name }` placeables filled from `args`; a placeable
/// without an argument stays as it is (visible, rather than blank).
pub fn format(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((before, after)) = rest.split_once('{') {
        let Some((inside, next)) = after.split_once('}') else {
            break;
        };
        out.push_str(before);
        let name = inside.strip_prefix(" $").and_then(|n| n.strip_suffix(' '));
        match args.iter().find(|(n, _)| Some(*n) == name) {
            Some((_, value)) => out.push_str(value),
            None => {
                out.push('{');
                out.push_str(inside);
                out.push('}');
            }
        }
        rest = next;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_messages_and_skips_comments() {
        let source =
            "### About = this file\n## Group = a\nfirst = One = 1\n\n# Note\nsecond = Two  \n";
        let got: Vec<_> = messages(source).collect();
        assert_eq!(got, [("first", "One = 1"), ("second", "Two")]);
        assert_eq!(message(source, "second"), Some("Two"));
        assert_eq!(message(source, "third"), None);
    }

    #[test]
    fn fills_placeables() {
        let args = [("name", "王芳"), ("count", "{ $name }")];
        assert_eq!(
            format("{ $name }（{ $count }）", &args),
            "王芳（{ $name }）"
        );
        assert_eq!(format("Hi { $who }!", &args), "Hi { $who }!");
        assert_eq!(format("no placeable", &args), "no placeable");
        assert_eq!(format("open { $name", &args), "open { $name");
    }
}
