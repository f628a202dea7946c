//! Organisation search by name or pinyin initials (core/src/organisation_search.rs),
//! natively and in headless Chromium.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use baodao_core::organisation_search::{normalise_query, search, Choice};

const LIST: &[(&str, &str)] = &[
    ("北京师范大学", "bjsfdx"),
    ("北京大学", "bjdx"),
    ("区民政局", "qmzj"),
    ("第一中学", "dyzx"),
    ("其他 / Other", "qtother"),
    ("BJ Hospital", "bjhospital"),
];

fn names(query: &str) -> Vec<&'static str> {
    let choices: Vec<Choice> = LIST
        .iter()
        .map(|(name, initials)| Choice { name, initials })
        .collect();
    search(query, &choices)
        .into_iter()
        .map(|i| LIST[i].0)
        .collect()
}

#[test]
fn initials_find_the_organisation() {
    assert_eq!(names("bjdx"), ["北京大学"]);
    assert_eq!(names("bj"), ["北京大学", "北京师范大学", "BJ Hospital"]);
    assert_eq!(names("BJ DX"), ["北京大学"]);
    assert_eq!(names("ｂｊｄｘ"), ["北京大学"]);
    // Shorter first within a rank, whatever the list order.
    assert_eq!(names("dx"), ["北京大学", "北京师范大学"]);
}

#[test]
fn names_match_by_part_and_exact_names_come_first() {
    assert_eq!(names("大学"), ["北京大学", "北京师范大学"]);
    assert_eq!(names("北京大学"), ["北京大学"]);
    assert_eq!(names("other"), ["其他 / Other"]);
    assert_eq!(names("hospital"), ["BJ Hospital"]);
}

#[test]
fn nothing_matches_gives_an_empty_list_and_empty_query_everything() {
    assert!(names("xyz").is_empty());
    assert_eq!(names("").len(), LIST.len());
    assert_eq!(names("   ").len(), LIST.len());
}

#[test]
fn queries_are_normalised() {
    assert_eq!(normalise_query(" B j\u{3000}Ｄx "), "bjdx");
}

#[test]
fn missing_initials_still_match_names() {
    let choices = [Choice {
        name: "北京大学",
        initials: "",
    }];
    assert_eq!(search("北京", &choices), [0]);
    assert!(search("bj", &choices).is_empty());
}
