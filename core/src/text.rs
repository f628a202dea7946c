//! The one rule for text people type or import (names of people, events,
//! venues and organisations): bounded, and free of characters that change
//! how the text around them is shown. Applied on the phone and again on the
//! server, which cannot trust the phone.

/// Longest event name, in characters.
pub const MAX_EVENT_NAME_CHARS: usize = 100;
/// Longest venue name, in characters (a poster shows it in one or two lines).
pub const MAX_VENUE_NAME_CHARS: usize = 80;

/// Why a text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("empty")]
    Empty,
    #[error("too long")]
    TooLong,
    #[error("contains control or direction characters")]
    Invalid,
}

/// Characters no name needs: control characters (a line break would start a
/// new CSV row or formula), the bidirectional overrides, embeddings,
/// isolates and marks (U+202E shows "evil" as "live"), line and paragraph
/// separators, and the byte-order mark.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}'
        )
}

/// Checks an already-trimmed text: not empty, at most `max_chars`
/// characters, nothing [`is_hidden`].
pub fn check(text: &str, max_chars: usize) -> Result<(), TextError> {
    if text.trim().is_empty() {
        return Err(TextError::Empty);
    }
    if text.chars().count() > max_chars {
        return Err(TextError::TooLong);
    }
    if text.chars().any(is_hidden) {
        return Err(TextError::Invalid);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_hidden_characters_and_bounds_length() {
        for (text, expected) in [
            ("区文化中心", Ok(())),
            ("Zhang Wei", Ok(())),
            ("  ", Err(TextError::Empty)),
            ("\n=1+1", Err(TextError::Invalid)),
            ("a\u{0}b", Err(TextError::Invalid)),
            ("\u{202e}evil\u{202c}", Err(TextError::Invalid)),
            ("a\u{2067}b", Err(TextError::Invalid)),
            ("a\u{200f}b", Err(TextError::Invalid)),
            ("a\u{2028}b", Err(TextError::Invalid)),
            ("\u{feff}x", Err(TextError::Invalid)),
        ] {
            assert_eq!(check(text, 10), expected, "{text:?}");
        }
        assert_eq!(check(&"长".repeat(10), 10), Ok(()));
        assert_eq!(check(&"长".repeat(11), 10), Err(TextError::TooLong));
    }
}
