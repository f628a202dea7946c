//! Finding one's organisation in an event's list (about 200 names) by typing
//! part of its name or its pinyin initials: `bjdx` or `bj` finds 北京大学.
//!
//! The initials are computed on the server (which has a pinyin table) and
//! shipped with the event data, so the widget carries no pinyin table: it
//! only compares strings, here.

use crate::stable_sort::sort_by_key;

/// One organisation with its search key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice<'a> {
    pub name: &'a str,
    /// Lowercase pinyin initials of the name's Chinese characters, with any
    /// Latin letters and digits kept (`北京大学` → `bjdx`, `其他 / Other` →
    /// `qtother`). Empty when unknown (old cached data): the name still matches.
    pub initials: &'a str,
}

/// How the typed text is compared: lowercase, without spaces (people type
/// `b j` or `BJ` as often as `bj`), full-width Latin letters made ASCII.
pub fn normalise_query(query: &str) -> String {
    query
        .chars()
        .filter_map(|c| match c {
            // Full-width forms (U+FF01..U+FF5E) sit 0xFEE0 above ASCII.
            'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '０'..='９' => char::from_u32(c as u32 - 0xFEE0),
            c if c.is_whitespace() => None,
            c => Some(c),
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// How well a choice matches; lower is better, `None` is no match.
fn rank(query: &str, choice: &Choice<'_>) -> Option<u8> {
    let name = normalise_query(choice.name);
    if name == query {
        Some(0)
    } else if name.starts_with(query) || choice.initials.starts_with(query) {
        Some(1)
    } else if name.contains(query) || choice.initials.contains(query) {
        Some(2)
    } else {
        None
    }
}

/// Indices of the choices matching `query`, best first (exact name, then
/// name or initials starting with it, then containing it), shorter names
/// first within each rank, then in list order. An empty query matches everything, in list order.
pub fn search(query: &str, choices: &[Choice<'_>]) -> Vec<usize> {
    let query = normalise_query(query);
    if query.is_empty() {
        return (0..choices.len()).collect();
    }
    // Among equally good matches the shorter name first: typing `bj` puts
    // 北京大学 (`bjdx`) before 北京师范大学 and 滨江街道办事处.
    let mut ranked: Vec<(u8, usize, usize)> = choices
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((rank(&query, c)?, c.name.chars().count(), i)))
        .collect();
    sort_by_key(&mut ranked, |r| *r);
    ranked.into_iter().map(|(_, _, i)| i).collect()
}
