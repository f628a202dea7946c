//! Every translation file, parsed with the real Fluent parser
//! (`fluent-syntax`, the one Fluent's own Rust tools use), so that the files
//! stay standard Fluent for translators' tools while the widget reads them
//! with its own small reader ([`baodao_locales`]). Fails on:
//!
//! - a parse error (junk);
//! - Fluent the widget's reader does not support: terms, attributes,
//!   selectors, functions, message references, string literals,
//!   multi-line text;
//! - a message the reader would read differently from Fluent (e.g.
//!   `{$name}` without the spaces, or more than one space after `=`);
//! - the same id twice in one language (the reader takes the first);
//! - a file, message or placeable that one language has and the other has
//!   not (the key-parity check: a missing text shows its key on screen);
//! - a key the code names (`i18n.t("checkin-button")`…) that has no message.

use fluent_syntax::ast::{Entry, Expression, InlineExpression, PatternElement};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const LANGS: [&str; 2] = ["zh-CN", "en"];
/// The files the widget and the scan screen include ([`baodao_locales::Files`]).
const FILES: [&str; 3] = ["widget.ftl", "console.ftl", "scan.ftl"];

/// A message's id and the names of its placeables.
type Messages = BTreeMap<String, BTreeSet<String>>;

/// What `{ $name }` is filled with when comparing the reader with Fluent.
fn marker(name: &str) -> String {
    format!("⟨{name}⟩")
}

/// Parses `source` (file `path`) with Fluent, checks it is in the reader's
/// subset and read alike by the reader; adds what is wrong to `problems`.
fn check_file(path: &str, source: &str, problems: &mut Vec<String>) -> Messages {
    let mut problem = |what: String| problems.push(format!("{path}: {what}"));
    let resource = match fluent_syntax::parser::parse(source) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            for e in errors {
                problem(format!(
                    "Fluent parse error {:?} at {:?}",
                    e.kind,
                    e.slice.unwrap_or(e.pos)
                ));
            }
            resource
        }
    };
    let mut messages = Messages::new();
    let mut ids = Vec::new();
    for entry in &resource.body {
        let m = match entry {
            Entry::Message(m) => m,
            Entry::Comment(_) | Entry::GroupComment(_) | Entry::ResourceComment(_) => continue,
            Entry::Term(t) => {
                problem(format!(
                    "term -{}: the widget's reader has no terms",
                    t.id.name
                ));
                continue;
            }
            Entry::Junk { content } => {
                problem(format!("junk (not Fluent): {content:?}"));
                continue;
            }
        };
        let id = m.id.name;
        ids.push(id);
        if !m.attributes.is_empty() {
            problem(format!("{id} has attributes: the widget's reader has none"));
        }
        let Some(pattern) = &m.value else {
            problem(format!("{id} has no value"));
            continue;
        };
        // The text as Fluent formats it (without bidi isolation marks),
        // each variable given as its marker.
        let mut expected = String::new();
        let mut variables = BTreeSet::new();
        for element in &pattern.elements {
            match element {
                PatternElement::TextElement { value } if value.contains('\n') => {
                    problem(format!("{id} spans several lines: the widget's reader reads one"));
                }
                PatternElement::TextElement { value } => expected.push_str(value),
                PatternElement::Placeable {
                    expression: Expression::Inline(InlineExpression::VariableReference { id: var }),
                } => {
                    variables.insert(var.name.to_string());
                    expected.push_str(&marker(var.name));
                }
                PatternElement::Placeable { expression } => problem(format!(
                    "{id}: only {{ $variable }} placeables are read by the widget, not {expression:?}"
                )),
            }
        }
        let args: Vec<(String, String)> =
            variables.iter().map(|v| (v.clone(), marker(v))).collect();
        let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let read =
            baodao_locales::message(source, id).map(|text| baodao_locales::format(text, &args));
        if read.as_deref() != Some(expected.as_str()) {
            problem(format!(
                "the widget's reader reads {id} as {read:?}, Fluent as {expected:?}"
            ));
        }
        if messages.insert(id.to_string(), variables).is_some() {
            problem(format!("{id} twice"));
        }
    }
    let read_ids: Vec<&str> = baodao_locales::messages(source).map(|(id, _)| id).collect();
    if read_ids != ids {
        problem(format!(
            "the widget's reader finds the messages {read_ids:?}, Fluent {ids:?}"
        ));
    }
    messages
}

/// What one language's file has and the other's lacks, or has with other placeables.
fn compare(file: &str, a: (&str, &Messages), b: (&str, &Messages), problems: &mut Vec<String>) {
    for ((lang, messages), (other, theirs)) in [(a, b), (b, a)] {
        for (id, variables) in messages {
            match theirs.get(id) {
                None => problems.push(format!(
                    "{other}/{file}: {id} is missing (it is in {lang}/{file})"
                )),
                Some(v) if v != variables && lang < other => problems.push(format!(
                    "{file}: {id} has placeables {variables:?} in {lang} but {v:?} in {other}"
                )),
                Some(_) => {}
            }
        }
    }
}

fn dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn translation_files_are_fluent_the_widget_reads_alike_in_both_languages() {
    let mut problems = Vec::new();
    let mut by_lang = Vec::new();
    for lang in LANGS {
        let mut names: Vec<String> = std::fs::read_dir(dir().join(lang))
            .unwrap_or_else(|e| panic!("locales/{lang}: {e}"))
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let mut expected: Vec<String> = FILES.iter().map(|f| f.to_string()).collect();
        expected.sort();
        // A file the widget does not include would never be shown.
        assert_eq!(
            names, expected,
            "locales/{lang} holds other files than the widget reads"
        );
        let mut files = BTreeMap::new();
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for file in FILES {
            let path = format!("{lang}/{file}");
            let source = std::fs::read_to_string(dir().join(&path)).unwrap();
            let messages = check_file(&path, &source, &mut problems);
            for id in messages.keys() {
                if let Some(first) = seen.insert(id.clone(), file) {
                    problems.push(format!("{lang}: {id} is in {first} and {file}"));
                }
            }
            files.insert(file, messages);
        }
        by_lang.push((lang, files));
    }
    let (zh, en) = (&by_lang[0], &by_lang[1]);
    for file in FILES {
        compare(
            file,
            (zh.0, &zh.1[file]),
            (en.0, &en.1[file]),
            &mut problems,
        );
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    let total: usize = zh.1.values().map(BTreeMap::len).sum();
    assert!(total > 300, "only {total} messages: are the files read?");
}

/// The files the crate includes are the ones checked above, less their
/// comments (`build.rs`).
#[test]
fn the_crate_includes_these_files() {
    for (lang, files) in [("zh-CN", baodao_locales::ZH_CN), ("en", baodao_locales::EN)] {
        let read = |file: &str| std::fs::read_to_string(dir().join(lang).join(file)).unwrap();
        for (file, included) in [
            ("widget.ftl", files.widget),
            ("console.ftl", files.console),
            ("scan.ftl", files.scan),
        ] {
            let source = read(file);
            assert!(
                included
                    .lines()
                    .all(|l| !l.is_empty() && !l.starts_with('#')),
                "{lang}/{file}: comments or blank lines included"
            );
            let all: Vec<_> = baodao_locales::messages(&source).collect();
            assert_eq!(
                baodao_locales::messages(included).collect::<Vec<_>>(),
                all,
                "{lang}/{file}"
            );
        }
    }
}

/// Key-shaped string literals given to the texts in Rust source: what
/// follows `i18n.t(`, `.text(`, `.format(`, `tr(` (the scan screen's),
/// `show_text(` (page titles), or the `label=`, `hint=`, `placeholder=` and
/// `text=` props of components that take a key. Keys built at run time
/// (`error-{code}`) are the browser test `every_error_code_has_a_message`'s.
fn keys_named_in(source: &str) -> Vec<&str> {
    let is_key = |s: &str| {
        s.contains('-')
            && s.starts_with(|c: char| c.is_ascii_lowercase())
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
    };
    let mut keys = Vec::new();
    for needle in [
        "i18n.t(\"",
        ".text(\"",
        ".format(\"",
        "tr(\"",
        "show_text(\"",
        "label=\"",
        "hint=\"",
        "placeholder=\"",
        "text=\"",
    ] {
        for (at, _) in source.match_indices(needle) {
            // `tr(` and the props as whole words (not `attr(`, `aria-label=`).
            let before = source[..at].chars().next_back();
            if !needle.starts_with(['.', 'i'])
                && before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-')
            {
                continue;
            }
            let rest = &source[at + needle.len()..];
            if let Some((literal, _)) = rest.split_once('"') {
                if is_key(literal) {
                    keys.push(literal);
                }
            }
        }
    }
    keys
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A key named in the code but in neither language would show as the key
/// itself; the parity test above cannot see it.
#[test]
fn every_key_the_code_names_has_a_message() {
    let ids: BTreeSet<String> = FILES
        .iter()
        .flat_map(|file| {
            let source = std::fs::read_to_string(dir().join("zh-CN").join(file)).unwrap();
            baodao_locales::messages(&source)
                .map(|(id, _)| id.to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    let mut files = Vec::new();
    for code in ["../src", "../scanner-ui/src"] {
        rust_files(&dir().join(code), &mut files);
    }
    let (mut named, mut missing) = (0, Vec::new());
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        for key in keys_named_in(&source) {
            named += 1;
            if !ids.contains(key) {
                missing.push(format!("{}: {key}", file.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys without a message:\n{}",
        missing.join("\n")
    );
    assert!(named > 200, "only {named} keys found in the code");
}

#[test]
fn keys_named_in_finds_keys_given_to_the_texts() {
    let source = r#"i18n.t("home-title") lang.format("hours-total", &[]) tr("scan-torch")
        <Field label="profile-name" hint="profile-name_hint" /> <PageTitle text="poster-title" />
        .attr("aria-label") aria-label="x-y" .text("plain words") s.text("scan-hint")"#;
    let mut keys = keys_named_in(source);
    keys.sort();
    assert_eq!(
        keys,
        [
            "home-title",
            "hours-total",
            "poster-title",
            "profile-name",
            "profile-name_hint",
            "scan-hint",
            "scan-torch"
        ]
    );
}

/// The checks above catch what they are for.
#[test]
fn the_checks_reject_what_the_widget_cannot_read() {
    let problems_in = |source: &str| {
        let mut problems = Vec::new();
        check_file("x.ftl", source, &mut problems);
        problems
    };
    assert_eq!(
        problems_in("## Group\nok = Fine { $name }, thanks\n# note\nalso = Two\n"),
        Vec::<String>::new()
    );
    for (bad, why) in [
        ("broken { $name\n", "parse error"),
        ("checkin.button = Check in\n", "junk"),
        ("-brand = Baodao\n", "has no terms"),
        ("hi = Hi\n    .title = Hello\n", "attributes"),
        ("hi = Hi\n    there\n", "several lines"),
        (
            "hi = { $n ->\n    [one] One\n   *[other] Many\n}\n",
            "only { $variable }",
        ),
        ("hi = { brand }\n", "only { $variable }"),
        ("hi = {\"{\"}\n", "only { $variable }"),
        ("hi = Hi {$name}\n", "reads hi as"),
        ("hi =  Hi\n", "reads hi as"),
        ("hi=Hi\n", "finds the messages"),
        ("hi = Hi\nhi = Again\n", "twice"),
    ] {
        let problems = problems_in(bad);
        assert!(
            problems.iter().any(|p| p.contains(why)),
            "{bad:?} gave {problems:?}, not {why:?}"
        );
    }

    let one = |source: &str| check_file("x.ftl", source, &mut Vec::new());
    let zh = one("a = 甲 { $n }\nb = 乙\n");
    let mut problems = Vec::new();
    compare(
        "x.ftl",
        ("zh-CN", &zh),
        ("en", &one("a = A { $m }\nc = C\n")),
        &mut problems,
    );
    problems.sort();
    assert_eq!(
        problems,
        [
            "en/x.ftl: b is missing (it is in zh-CN/x.ftl)",
            "x.ftl: a has placeables {\"m\"} in en but {\"n\"} in zh-CN",
            "zh-CN/x.ftl: c is missing (it is in en/x.ftl)",
        ]
    );
}
