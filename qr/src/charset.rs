//! Bytes of a QR segment in a given character set → text, for the sets a
//! QR code can name (ECI) or imply (Kanji: Shift_JIS, Hanzi: GB 2312).
//!
//! rxing converts with encoding_rs, whose decoders share one dispatch, so
//! every WHATWG table (Big5, EUC-KR, GB18030's ranges, …) ended up in the
//! decoder's wasm. Here each set is a small table built from encoding_rs at
//! build time (`build.rs`) and unpacked on first use. Strict like rxing's
//! `decode`: a malformed sequence is `None`, never a replacement character.
//! Not supported (`None`): Big5, EUC-KR and GB18030's four-byte sequences —
//! the scanner then reports no text rather than a partial one.

use rxing::common::CharacterSet;
use std::sync::OnceLock;

/// A table from `build.rs`: unpacked u16 code points (see there for the layout).
struct Table {
    packed: &'static [u8],
    /// Inclusive ranges of lead bytes, in table order; empty for single-byte sets.
    leads: &'static [(u8, u8)],
    trail_max: u8,
    unpacked: OnceLock<Vec<u16>>,
}

macro_rules! table {
    ($file:literal, $leads:expr, $trail_max:expr) => {
        Table {
            packed: include_bytes!(concat!(env!("OUT_DIR"), "/", $file, ".bin")),
            leads: $leads,
            trail_max: $trail_max,
            unpacked: OnceLock::new(),
        }
    };
}

static SHIFT_JIS: Table = table!("shift_jis", &[(0x81, 0x9F), (0xE0, 0xFC)], 0xFC);
static GBK: Table = table!("gbk", &[(0x81, 0xFE)], 0xFE);
static ISO_8859_2: Table = table!("iso_8859_2", &[], 0);
static ISO_8859_3: Table = table!("iso_8859_3", &[], 0);
static ISO_8859_4: Table = table!("iso_8859_4", &[], 0);
static ISO_8859_5: Table = table!("iso_8859_5", &[], 0);
static ISO_8859_6: Table = table!("iso_8859_6", &[], 0);
static ISO_8859_7: Table = table!("iso_8859_7", &[], 0);
static ISO_8859_8: Table = table!("iso_8859_8", &[], 0);
static WINDOWS_1254: Table = table!("windows_1254", &[], 0);
static ISO_8859_10: Table = table!("iso_8859_10", &[], 0);
static WINDOWS_874: Table = table!("windows_874", &[], 0);
static ISO_8859_13: Table = table!("iso_8859_13", &[], 0);
static ISO_8859_14: Table = table!("iso_8859_14", &[], 0);
static ISO_8859_15: Table = table!("iso_8859_15", &[], 0);
static ISO_8859_16: Table = table!("iso_8859_16", &[], 0);
static WINDOWS_1250: Table = table!("windows_1250", &[], 0);
static WINDOWS_1251: Table = table!("windows_1251", &[], 0);
static WINDOWS_1252: Table = table!("windows_1252", &[], 0);
static WINDOWS_1256: Table = table!("windows_1256", &[], 0);

/// Code page 437's upper half (rxing used the codepage-437 crate's
/// `CP437_CONTROL`: the lower half is ASCII).
const CP437_HIGH: [u16; 128] = [
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF,
    0x00EE, 0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
    0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA,
    0x00F1, 0x00D1, 0x00AA, 0x00BA, 0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556, 0x2555, 0x2563, 0x2551, 0x2557,
    0x255D, 0x255C, 0x255B, 0x2510, 0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567, 0x2568, 0x2564, 0x2565, 0x2559,
    0x2558, 0x2552, 0x2553, 0x256B, 0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,
    0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4, 0x03A6, 0x0398, 0x03A9, 0x03B4,
    0x221E, 0x03C6, 0x03B5, 0x2229, 0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248,
    0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,
];

impl Table {
    fn points(&self) -> &[u16] {
        self.unpacked.get_or_init(|| {
            let mut previous = 0u16;
            self.packed
                .chunks_exact(2)
                .map(|d| {
                    previous = previous.wrapping_add(u16::from_le_bytes([d[0], d[1]]));
                    previous
                })
                .collect()
        })
    }

    /// Row of `lead` among the lead bytes, if it is one.
    fn lead_row(&self, lead: u8) -> Option<usize> {
        let mut row = 0;
        for &(first, last) in self.leads {
            if (first..=last).contains(&lead) {
                return Some(row + usize::from(lead - first));
            }
            row += usize::from(last - first) + 1;
        }
        None
    }

    fn decode(&self, bytes: &[u8]) -> Option<String> {
        let points = self.points();
        let trails = usize::from(self.trail_max).saturating_sub(0x3F);
        let mut text = String::with_capacity(bytes.len() * 2);
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            i += 1;
            if b < 0x80 {
                text.push(char::from(b));
                continue;
            }
            let single = points[usize::from(b - 0x80)];
            let point = if single != 0 {
                single
            } else {
                let row = self.lead_row(b)?;
                let trail = *bytes.get(i)?;
                i += 1;
                if !(0x40..=self.trail_max).contains(&trail) {
                    return None;
                }
                points[128 + row * trails + usize::from(trail - 0x40)]
            };
            if point == 0 {
                return None;
            }
            text.push(char::from_u32(u32::from(point))?);
        }
        Some(text)
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Option<String> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
}

fn utf32(bytes: &[u8], unit: fn([u8; 4]) -> u32) -> Option<String> {
    bytes
        .chunks_exact(4)
        .map(|c| char::from_u32(unit([c[0], c[1], c[2], c[3]])))
        .collect()
}

/// `bytes` as text in `set`; `None` if malformed or not supported.
pub fn decode(set: CharacterSet, bytes: &[u8]) -> Option<String> {
    use CharacterSet as C;
    if matches!(
        set,
        C::Cp437 | C::ISO8859_1 | C::Binary | C::ASCII | C::UTF32BE | C::UTF32LE
    ) {
        return decode_without_bom(set, bytes);
    }
    // encoding_rs's `decode`, which rxing called for every other set, lets a
    // byte order mark override the set and drops it.
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => decode_without_bom(C::UTF8, rest),
        [0xFE, 0xFF, rest @ ..] => decode_without_bom(C::UTF16BE, rest),
        [0xFF, 0xFE, rest @ ..] => decode_without_bom(C::UTF16LE, rest),
        _ => decode_without_bom(set, bytes),
    }
}

fn decode_without_bom(set: CharacterSet, bytes: &[u8]) -> Option<String> {
    use CharacterSet as C;
    let table = match set {
        C::UTF8 => return String::from_utf8(bytes.to_vec()).ok(),
        C::ISO8859_1 | C::Binary => return Some(bytes.iter().map(|&b| char::from(b)).collect()),
        C::ASCII => {
            return bytes
                .is_ascii()
                .then(|| bytes.iter().map(|&b| char::from(b)).collect())
        }
        C::Cp437 => {
            let high = |b: u8| char::from_u32(u32::from(CP437_HIGH[usize::from(b - 0x80)]));
            return bytes
                .iter()
                .map(|&b| {
                    if b < 0x80 {
                        Some(char::from(b))
                    } else {
                        high(b)
                    }
                })
                .collect();
        }
        C::UTF16BE => return utf16(bytes, u16::from_be_bytes),
        C::UTF16LE => return utf16(bytes, u16::from_le_bytes),
        C::UTF32BE => return utf32(bytes, u32::from_be_bytes),
        C::UTF32LE => return utf32(bytes, u32::from_le_bytes),
        C::Shift_JIS => &SHIFT_JIS,
        C::GB2312 | C::GB18030 => &GBK,
        C::ISO8859_2 => &ISO_8859_2,
        C::ISO8859_3 => &ISO_8859_3,
        C::ISO8859_4 => &ISO_8859_4,
        C::ISO8859_5 => &ISO_8859_5,
        C::ISO8859_6 => &ISO_8859_6,
        C::ISO8859_7 => &ISO_8859_7,
        C::ISO8859_8 => &ISO_8859_8,
        C::ISO8859_9 => &WINDOWS_1254,
        C::ISO8859_10 => &ISO_8859_10,
        C::ISO8859_11 => &WINDOWS_874,
        C::ISO8859_13 => &ISO_8859_13,
        C::ISO8859_14 => &ISO_8859_14,
        C::ISO8859_15 => &ISO_8859_15,
        C::ISO8859_16 => &ISO_8859_16,
        C::Cp1250 => &WINDOWS_1250,
        C::Cp1251 => &WINDOWS_1251,
        C::Cp1252 => &WINDOWS_1252,
        C::Cp1256 => &WINDOWS_1256,
        _ => return None,
    };
    table.decode(bytes)
}
