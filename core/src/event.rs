//! What the widget needs to know about an event, fetched once and cached on
//! the phone so that check-ins work with no connection.

use crate::ids::{EventId, VenueId};
use crate::venue_code::{EventKeySet, ShortCode, ShortCodeEntry, Validity};
use crate::CheckKind;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventInfo {
    pub id: EventId,
    pub name: String,
    /// First and last day, ISO dates (`2026-12-05`) in the event's time zone.
    pub starts_on: String,
    pub ends_on: String,
    /// IANA time zone, e.g. `Asia/Shanghai`.
    pub time_zone: String,
    pub venues: Vec<VenueInfo>,
    /// Organisation names volunteers pick from on first use.
    pub organisations: Vec<String>,
    /// Pinyin initials of each of `organisations`, same order (see
    /// [`crate::organisation_search`]). Computed by the server so that the
    /// widget needs no pinyin table; empty in data cached before it existed.
    #[serde(default)]
    pub organisation_initials: Vec<String>,
    /// Days after the event's last day that check-in records are kept, on
    /// the server and on phones (see [`EventInfo::retention_ends_ms`]).
    /// `None` in data cached before retention existed: phones then keep
    /// records.
    #[serde(default)]
    pub retention_days: Option<u32>,
    /// The event's public keys, so that the widget verifies venue codes with
    /// no connection. `None` only in data cached before signed codes existed.
    #[serde(default)]
    pub keys: Option<EventKeySet>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VenueInfo {
    pub id: VenueId,
    pub name: String,
    /// The main venue this sub-venue belongs to; `None` for a main venue.
    pub parent: Option<VenueId>,
    /// The 8-character code printed under the poster's QR, for phones that
    /// cannot scan. `None` in data cached before short codes existed.
    #[serde(default)]
    pub short_code: Option<ShortCode>,
}

impl EventInfo {
    pub fn venue(&self, id: VenueId) -> Option<&VenueInfo> {
        self.venues.iter().find(|v| v.id == id)
    }

    /// The venues' short codes, for [`crate::venue_code::resolve_short_code`].
    pub fn short_code_entries(&self) -> Vec<ShortCodeEntry> {
        self.venues
            .iter()
            .filter_map(|v| {
                Some(ShortCodeEntry {
                    event: self.id,
                    venue: v.id,
                    code: v.short_code?,
                })
            })
            .collect()
    }

    /// The organisations with their search keys, for
    /// [`crate::organisation_search::search`].
    pub fn organisation_choices(&self) -> Vec<crate::organisation_search::Choice<'_>> {
        self.organisations
            .iter()
            .enumerate()
            .map(|(i, name)| crate::organisation_search::Choice {
                name,
                initials: self
                    .organisation_initials
                    .get(i)
                    .map(String::as_str)
                    .unwrap_or(""),
            })
            .collect()
    }

    /// When this event's records are due for removal: see [`retention_ends_ms`].
    pub fn retention_ends_ms(&self) -> Option<i64> {
        retention_ends_ms(&self.ends_on, self.retention_days?)
    }

    /// The window a static poster code is valid for: see [`dates_validity`].
    pub fn poster_validity(&self) -> Option<Validity> {
        dates_validity(&self.starts_on, &self.ends_on)
    }
}

/// Hours before UTC midnight of the first day at which posters become valid:
/// the first day starts this early in the easternmost time zone (UTC+14).
pub const POSTER_EARLY_MARGIN_S: u32 = 14 * 3600;
/// Hours after UTC midnight following the last day at which posters expire:
/// the last day ends this late in the westernmost time zone (UTC−12).
pub const POSTER_LATE_MARGIN_S: u32 = 12 * 3600;

/// The validity window of a poster for an event running from `starts_on` to
/// `ends_on` (inclusive ISO dates): from 00:00 of the first day to 00:00 after
/// the last, widened so that it covers those dates in every time zone. This
/// needs no time-zone database and errs by at most a few hours on the side of
/// accepting; the server still flags records whose device time is outside it.
/// `None` for dates that do not parse or are in the wrong order.
pub fn dates_validity(starts_on: &str, ends_on: &str) -> Option<Validity> {
    let first = days_from_iso(starts_on)?;
    let last = days_from_iso(ends_on)?;
    if last < first {
        return None;
    }
    let from = first * 86_400 - i64::from(POSTER_EARLY_MARGIN_S);
    let until = (last + 1) * 86_400 + i64::from(POSTER_LATE_MARGIN_S);
    Some(Validity {
        from: u32::try_from(from).ok()?,
        until: u32::try_from(until).ok()?,
    })
}

/// The time (ms since the epoch) from which an event's check-in records are
/// removed: `retention_days` full days after the end of its last day
/// (`ends_on`), taking that day's end in the westernmost time zone like
/// [`dates_validity`], so that no record goes early anywhere. Every record of
/// an event goes at the same time: hours are totalled per event, and a
/// partial history would show wrong totals. `None` if `ends_on` does not parse.
pub fn retention_ends_ms(ends_on: &str, retention_days: u32) -> Option<i64> {
    let last = days_from_iso(ends_on)?;
    let end_of_event_s = (last + 1) * 86_400 + i64::from(POSTER_LATE_MARGIN_S);
    Some((end_of_event_s + i64::from(retention_days) * 86_400) * 1000)
}

/// Days since 1970-01-01 of an ISO date `YYYY-MM-DD` (proleptic Gregorian).
pub fn days_from_iso(date: &str) -> Option<i64> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |s: &str| -> Option<i64> {
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())
            .flatten()
    };
    let (y, m, d) = (num(&date[..4])?, num(&date[5..7])?, num(&date[8..])?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d < 1 || d > month_days[(m - 1) as usize] {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The ISO date `days` days after 1970-01-01.
pub fn iso_from_days(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// How a record shows its person was at the venue. A rotating screen's
/// code is minutes old; a poster's code may have been photographed and
/// used from anywhere; a short code is typed from a guessable list; a
/// lead's record (assisted, check-out-all, automatic) rests on the lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Proof {
    Screen,
    Poster,
    ShortCode,
    Lead,
}

impl Proof {
    pub fn as_str(self) -> &'static str {
        match self {
            Proof::Screen => "screen",
            Proof::Poster => "poster",
            Proof::ShortCode => "short_code",
            Proof::Lead => "lead",
        }
    }

    pub fn parse(s: &str) -> Option<Proof> {
        [Proof::Screen, Proof::Poster, Proof::ShortCode, Proof::Lead]
            .into_iter()
            .find(|p| p.as_str() == s)
    }
}

/// One line of a venue's roster, as a lead sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterEntry {
    pub id: Uuid,
    pub name: String,
    /// Masked (138****5678): leads identify people by name and organisation.
    pub mobile_masked: String,
    pub organisation: String,
    pub kind: CheckKind,
    /// When the record was made: the phone's clock corrected by the offset
    /// the server estimated from its batch (`checked_ms` in the database).
    pub device_time_ms: i64,
    /// Why the server asks the lead to look at this record (e.g.
    /// `short_code_entry`, `code_outside_validity`); `None` when nothing is odd.
    #[serde(default)]
    pub flag: Option<String>,
    /// `None` from a server older than this field.
    #[serde(default)]
    pub proof: Option<Proof>,
}

/// A venue's check-ins, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roster {
    pub event: EventId,
    pub venue: VenueInfo,
    pub entries: Vec<RosterEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_round_trip() {
        assert_eq!(days_from_iso("1970-01-01"), Some(0));
        assert_eq!(days_from_iso("2026-12-05"), Some(20_792));
        for d in [-1000, 0, 59, 60, 20_792, 50_000] {
            assert_eq!(days_from_iso(&iso_from_days(d)), Some(d));
        }
        for bad in [
            "2026-13-01",
            "2026-02-29",
            "2026-1-01",
            "abcd-ef-gh",
            "+026-01-01",
            "",
        ] {
            assert_eq!(days_from_iso(bad), None, "{bad}");
        }
        assert_eq!(days_from_iso("2024-02-29"), Some(19_782));
    }

    #[test]
    fn poster_validity_covers_the_dates_everywhere() {
        let v = dates_validity("2026-12-05", "2026-12-06").unwrap();
        // 2026-12-05T00:00+14:00 .. 2026-12-07T00:00-12:00
        assert_eq!(v.from, 1_796_428_800 - 14 * 3600);
        assert_eq!(v.until, 1_796_601_600 + 12 * 3600);
        assert_eq!(dates_validity("2026-12-06", "2026-12-05"), None);
    }

    #[test]
    fn retention_counts_whole_days_after_the_last_day_everywhere() {
        // 2026-12-07T00:00-12:00 is 2026-12-07T12:00Z; plus 30 days.
        let end = retention_ends_ms("2026-12-06", 30).unwrap();
        assert_eq!(end, (1_796_601_600 + 12 * 3600 + 30 * 86_400) * 1000);
        assert_eq!(
            retention_ends_ms("2026-12-06", 0).unwrap(),
            (1_796_601_600 + 12 * 3600) * 1000
        );
        assert_eq!(retention_ends_ms("06/12/2026", 30), None);
    }

    #[test]
    fn old_cached_event_data_still_parses() {
        let old = r#"{"id":1,"name":"e","starts_on":"2026-12-05","ends_on":"2026-12-06",
            "time_zone":"Asia/Shanghai","venues":[{"id":1,"name":"v","parent":null}],
            "organisations":[]}"#;
        let e: EventInfo = serde_json::from_str(old).unwrap();
        assert_eq!(e.keys, None);
        assert_eq!(e.venues[0].short_code, None);
        assert!(e.short_code_entries().is_empty());
        assert_eq!(e.retention_days, None);
        assert_eq!(e.retention_ends_ms(), None);
        // No initials: names still searchable, with empty keys.
        assert!(e.organisation_choices().is_empty());
    }
}

/// What `POST /api/venues/{venue}/display` gives a venue's display screen,
/// once: its private seed and certificate, so that it shows rotating codes
/// with no connection (see [`crate::venue_code::DisplaySigner`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayProvisioning {
    pub event: EventId,
    pub venue: VenueInfo,
    /// The display key's 32-byte private seed, as 64 lowercase hex digits.
    /// Secret: whoever holds it can make this venue's codes until the
    /// certificate expires or its event key is revoked.
    pub seed: String,
    pub certificate: crate::venue_code::DisplayCertificate,
    /// Base of the check-in URL to put in the QR (the server's public URL).
    pub base_url: String,
}

impl DisplayProvisioning {
    /// The seed as bytes; `None` if `seed` is not 64 hex digits.
    pub fn seed_bytes(&self) -> Option<[u8; 32]> {
        hex_to_seed(&self.seed)
    }
}

/// 32 bytes as 64 lowercase hex digits.
pub fn seed_to_hex(seed: &[u8; 32]) -> String {
    seed.iter().map(|b| format!("{b:02x}")).collect()
}

/// The inverse of [`seed_to_hex`] (either case accepted).
pub fn hex_to_seed(hex: &str) -> Option<[u8; 32]> {
    if hex.len() != 64 || !hex.is_ascii() {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod provisioning_tests {
    use super::*;

    #[test]
    fn seed_hex_round_trips() {
        let seed: [u8; 32] = core::array::from_fn(|i| (i * 37) as u8);
        let hex = seed_to_hex(&seed);
        assert_eq!(hex.len(), 64);
        assert_eq!(hex_to_seed(&hex), Some(seed));
        assert_eq!(hex_to_seed(&hex.to_uppercase()), Some(seed));
        assert_eq!(hex_to_seed(&hex[..62]), None);
        assert_eq!(hex_to_seed(&"zz".repeat(32)), None);
    }
}
