//! Who is checking in. Validated identically on the phone (before anything is
//! stored) and on the server (because a phone's checks can be bypassed).

use crate::organisation_search::normalise_query;
use serde::{Deserialize, Serialize};

/// Longest accepted name, in characters. Chinese names are 2–4 characters;
/// the margin is for transliterated and foreign names.
pub const MAX_NAME_CHARS: usize = 40;
/// Longest accepted organisation name, in characters.
pub const MAX_ORGANISATION_CHARS: usize = 80;

/// The person behind a check-in, as they typed it on first use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Volunteer {
    pub name: String,
    /// Mainland China mobile number, 11 digits, normalised by [`normalise_mobile`].
    pub mobile: String,
    pub organisation: String,
}

/// Why a [`Volunteer`] was refused. Each variant maps to one translated message
/// in the widget and to one reason code on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum VolunteerError {
    #[error("name is empty")]
    NameEmpty,
    #[error("name is too long")]
    NameTooLong,
    #[error("name contains control characters")]
    NameInvalid,
    #[error("mobile number is not a mainland China mobile number")]
    MobileInvalid,
    #[error("organisation is empty")]
    OrganisationEmpty,
    #[error("organisation is too long")]
    OrganisationTooLong,
    #[error("organisation contains control or direction characters")]
    OrganisationInvalid,
    /// Only from [`Volunteer::chosen`]: typed text that is not in the
    /// event's list, without saying the organisation is not listed.
    #[error("organisation not chosen")]
    OrganisationNotChosen,
}

impl VolunteerError {
    /// Stable machine-readable code, used in API error bodies and translation keys.
    pub fn code(self) -> &'static str {
        match self {
            Self::NameEmpty => "name_empty",
            Self::NameTooLong => "name_too_long",
            Self::NameInvalid => "name_invalid",
            Self::MobileInvalid => "mobile_invalid",
            Self::OrganisationEmpty => "organisation_empty",
            Self::OrganisationTooLong => "organisation_too_long",
            Self::OrganisationInvalid => "organisation_invalid",
            Self::OrganisationNotChosen => "organisation_not_chosen",
        }
    }
}

/// Strips what people commonly type around a mobile number: spaces, dashes,
/// and the +86 / 0086 country prefix. Full-width digits (from Chinese IMEs)
/// become ASCII.
pub fn normalise_mobile(raw: &str) -> String {
    let ascii: String = raw
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '＋' => Some('+'),
            ' ' | '-' | '\u{3000}' | '(' | ')' => None,
            other => Some(other),
        })
        .collect();
    let without_country = ascii
        .strip_prefix("+86")
        .or_else(|| ascii.strip_prefix("0086"))
        .unwrap_or(&ascii);
    without_country.to_string()
}

/// A mainland mobile number: 11 digits starting with 1 then 3–9.
pub fn is_mainland_mobile(normalised: &str) -> bool {
    let b = normalised.as_bytes();
    b.len() == 11
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1])
        && b.iter().all(u8::is_ascii_digit)
}

/// Shows a mobile number as 138****5678 where the full number is not needed.
pub fn mask_mobile(mobile: &str) -> String {
    if mobile.len() == 11 && mobile.is_ascii() {
        format!("{}****{}", &mobile[..3], &mobile[7..])
    } else {
        "****".to_string()
    }
}

impl Volunteer {
    /// Trims and normalises the fields as typed, then validates them.
    pub fn new(name: &str, mobile: &str, organisation: &str) -> Result<Self, VolunteerError> {
        let v = Volunteer {
            name: name.trim().to_string(),
            mobile: normalise_mobile(mobile),
            organisation: organisation.trim().to_string(),
        };
        v.validate()?;
        Ok(v)
    }

    /// As [`Volunteer::new`], for a form that picks the organisation from
    /// the event's `listed` names: text matching a listed name (ignoring
    /// case and spaces) becomes that name; other text only when the person
    /// said theirs is `unlisted`, or when there is no list to pick from.
    /// Half-typed initials ("dyzx") must not become an organisation.
    pub fn chosen(
        name: &str,
        mobile: &str,
        organisation: &str,
        listed: &[String],
        unlisted: bool,
    ) -> Result<Self, VolunteerError> {
        let mut v = Volunteer::new(name, mobile, organisation)?;
        let typed = normalise_query(&v.organisation);
        match listed.iter().find(|n| normalise_query(n) == typed) {
            Some(n) => v.organisation.clone_from(n),
            None if unlisted || listed.is_empty() => {}
            None => return Err(VolunteerError::OrganisationNotChosen),
        }
        Ok(v)
    }

    /// Checks an already-normalised record (as received by the server).
    pub fn validate(&self) -> Result<(), VolunteerError> {
        use crate::text::{check, TextError};
        check(&self.name, MAX_NAME_CHARS).map_err(|e| match e {
            TextError::Empty => VolunteerError::NameEmpty,
            TextError::TooLong => VolunteerError::NameTooLong,
            TextError::Invalid => VolunteerError::NameInvalid,
        })?;
        if !is_mainland_mobile(&self.mobile) {
            return Err(VolunteerError::MobileInvalid);
        }
        check(&self.organisation, MAX_ORGANISATION_CHARS).map_err(|e| match e {
            TextError::Empty => VolunteerError::OrganisationEmpty,
            TextError::TooLong => VolunteerError::OrganisationTooLong,
            TextError::Invalid => VolunteerError::OrganisationInvalid,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_common_spellings_of_a_mobile_number() {
        for raw in [
            "13812345678",
            "138 1234 5678",
            "138-1234-5678",
            "+86 138 1234 5678",
            "008613812345678",
            "１３８１２３４５６７８",
        ] {
            let v = Volunteer::new("王芳", raw, "区图书馆").unwrap();
            assert_eq!(v.mobile, "13812345678", "{raw}");
        }
    }

    #[test]
    fn rejects_invalid_input_with_a_specific_error() {
        assert_eq!(
            Volunteer::new("  ", "13812345678", "x"),
            Err(VolunteerError::NameEmpty)
        );
        assert_eq!(
            Volunteer::new("王", "12812345678", "x"),
            Err(VolunteerError::MobileInvalid)
        );
        assert_eq!(
            Volunteer::new("王", "1381234567", "x"),
            Err(VolunteerError::MobileInvalid)
        );
        assert_eq!(
            Volunteer::new("王", "138123456789", "x"),
            Err(VolunteerError::MobileInvalid)
        );
        assert_eq!(
            Volunteer::new("王", "1381234567a", "x"),
            Err(VolunteerError::MobileInvalid)
        );
        assert_eq!(
            Volunteer::new("王", "13812345678", " "),
            Err(VolunteerError::OrganisationEmpty)
        );
        assert_eq!(
            Volunteer::new(&"长".repeat(41), "13812345678", "x"),
            Err(VolunteerError::NameTooLong)
        );
        assert_eq!(
            Volunteer::new("a\u{0}b", "13812345678", "x"),
            Err(VolunteerError::NameInvalid)
        );
        assert_eq!(
            Volunteer::new("王", "13812345678", &"组".repeat(81)),
            Err(VolunteerError::OrganisationTooLong)
        );
        assert_eq!(
            Volunteer::new("\u{202e}evil\u{202c}", "13812345678", "x"),
            Err(VolunteerError::NameInvalid)
        );
        assert_eq!(
            Volunteer::new("王", "13812345678", "\n=1+1"),
            Ok(Volunteer {
                name: "王".into(),
                mobile: "13812345678".into(),
                organisation: "=1+1".into()
            }),
            "trimmed first"
        );
        assert_eq!(
            Volunteer::new("王", "13812345678", "单位\u{0}=1+1"),
            Err(VolunteerError::OrganisationInvalid)
        );
    }

    #[test]
    fn typed_text_is_an_organisation_only_when_picked_or_said_unlisted() {
        let list = ["第一中学".to_string(), "Red Cross".to_string()];
        let chosen = |org: &str, unlisted| {
            Volunteer::chosen("王", "13812345678", org, &list, unlisted).map(|v| v.organisation)
        };
        assert_eq!(
            chosen("dyzx", false),
            Err(VolunteerError::OrganisationNotChosen)
        );
        assert_eq!(chosen(" 第一中学 ", false).as_deref(), Ok("第一中学"));
        assert_eq!(chosen("red cross", false).as_deref(), Ok("Red Cross"));
        assert_eq!(chosen("红十字会", true).as_deref(), Ok("红十字会"));
        assert_eq!(chosen("", true), Err(VolunteerError::OrganisationEmpty));
        assert_eq!(
            Volunteer::chosen("王", "13812345678", "区图书馆", &[], false)
                .map(|v| v.organisation)
                .as_deref(),
            Ok("区图书馆"),
            "no list to pick from"
        );
    }

    #[test]
    fn hostile_names_are_kept_verbatim_for_the_ui_to_escape() {
        let v = Volunteer::new("<img src=x onerror=alert(1)>", "13812345678", "<script>").unwrap();
        assert_eq!(v.name, "<img src=x onerror=alert(1)>");
    }

    #[test]
    fn masks_mobile() {
        assert_eq!(mask_mobile("13812345678"), "138****5678");
        assert_eq!(mask_mobile("123"), "****");
    }
}
