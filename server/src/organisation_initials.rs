//! Pinyin initials of organisation names, so that a volunteer finds
//! 北京大学 by typing `bjdx` or `bj`. Computed here, with the `pinyin` crate's
//! table, and sent with the event data: the widget carries no pinyin table
//! (see baodao_core::organisation_search).

use pinyin::ToPinyin;

/// Lowercase initials: the first letter of each Chinese character's most
/// common reading, Latin letters and digits kept as they are, everything
/// else (spaces, punctuation) dropped. `北京大学` → `bjdx`, `其他 / Other` →
/// `qtother`. Polyphonic characters take their most common reading only
/// (重庆 gives `zq`), a known limit; the name itself still matches.
pub fn initials(name: &str) -> String {
    name.chars()
        .zip(name.to_pinyin())
        .filter_map(|(c, p)| match p {
            Some(p) => p.first_letter().chars().next(),
            None if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            None => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::initials;

    #[test]
    fn chinese_names_give_their_initials() {
        assert_eq!(initials("北京大学"), "bjdx");
        assert_eq!(initials("区民政局"), "qmzj");
        assert_eq!(initials("区卫生健康委员会"), "qwsjkwyh");
        assert_eq!(initials("滨江街道办事处"), "bjjdbsc");
    }

    #[test]
    fn latin_letters_and_digits_are_kept_and_punctuation_dropped() {
        assert_eq!(initials("其他 / Other"), "qtother");
        assert_eq!(initials("第1中学（东校区）"), "d1zxdxq");
        assert_eq!(initials(""), "");
    }
}
