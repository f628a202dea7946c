//! Generates the character-set tables of `src/charset.rs` from encoding_rs
//! (a build dependency only: its full tables never reach the wasm bundle).
//!
//! For each encoding, `$OUT_DIR/<name>.bin` holds u16 code points, stored as
//! little-endian wrapping deltas of consecutive entries (runs of +1 compress
//! to almost nothing under brotli): 128 entries for the bytes 0x80–0xFF on
//! their own (0 = not a character alone), then, for double-byte encodings,
//! one row per lead byte of `TRAILS` entries for trail bytes from 0x40
//! (0 = invalid pair). The lead and trail ranges must match `src/charset.rs`.
use std::path::Path;

struct Table {
    file: &'static str,
    encoding: &'static encoding_rs::Encoding,
    leads: &'static [(u8, u8)],
    trail_max: u8,
}

const TABLES: &[Table] = &[
    Table {
        file: "shift_jis",
        encoding: encoding_rs::SHIFT_JIS,
        leads: &[(0x81, 0x9F), (0xE0, 0xFC)],
        trail_max: 0xFC,
    },
    Table {
        file: "gbk",
        encoding: encoding_rs::GBK,
        leads: &[(0x81, 0xFE)],
        trail_max: 0xFE,
    },
    Table {
        file: "iso_8859_2",
        encoding: encoding_rs::ISO_8859_2,
        leads: &[],
        trail_max: 0,
    },
    Table {
        file: "iso_8859_3",
        encoding: encoding_rs::ISO_8859_3,
        leads: &[],
        trail_max: 0,
    },
    Table {
        file: "iso_8859_4",
        encoding: encoding_rs::ISO_8859_4,
        leads: &[],
        trail_max: 0,
    },
    Table {
        file: "iso_8859_5",
        encoding: encoding_rs::ISO_8859_5,
        leads: &[],
        trail_max: 0,
    },
    Table {
        file: "iso_8859_6",
        encoding: encoding_rs::ISO_8859_6,
        leads: &[],
        trail_max: 0,
    },
    Table {
        file: "iso_8859_7",
        encoding: encoding_rs::ISO_8859_7,
        leads: &[],
        trail_max: 0,
    },
    Table {
        file: "iso_8859_8",
        encoding: encoding_rs::ISO_8859_8,
        leads: &[],
        trail_max: 0,
    },
    Table {
        file: "windows_1254",
        encoding: encoding_rs::WINDOWS_1254,
        leads: &[],
        trail_max: 0,
    },
    Table {
        file: "iso_8859_10",
        encoding: encoding_rs::ISO_8859_10,
        leads: &[],
        trail_max: 0,
    },
    Table {
        file: "windows_874",
        encoding: encoding_rs::WINDOWS_874,
        leads: &[],
        trail_max: 0,
    },
    Table {
        file: "iso_8859_13",
        encoding: encoding_rs::ISO_8859_13,
        leads: &[],
        trail_max: 0,
    },
    Table {
        file: "iso_8859_14",
        encoding: encoding_rs::ISO_8859_14,
        leads: &[],
        trail_max: 0,
    },
    Table {
        file: "iso_8859_15",
        encoding: encoding_rs::ISO_8859_15,
        leads: &[],
        trail_max: 0,
    },
    Table {
        file: "iso_8859_16",
        encoding: encoding_rs::ISO_8859_16,
        leads: &[],
        trail_max: 0,
    },
    Table {
        file: "windows_1250",
        encoding: encoding_rs::WINDOWS_1250,
        leads: &[],
        trail_max: 0,
    },
    Table {
        file: "windows_1251",
        encoding: encoding_rs::WINDOWS_1251,
        leads: &[],
        trail_max: 0,
    },
    Table {
        file: "windows_1252",
        encoding: encoding_rs::WINDOWS_1252,
        leads: &[],
        trail_max: 0,
    },
    Table {
        file: "windows_1256",
        encoding: encoding_rs::WINDOWS_1256,
        leads: &[],
        trail_max: 0,
    },
];

/// The one BMP character `bytes` decode to, else 0.
fn one_char(encoding: &'static encoding_rs::Encoding, bytes: &[u8]) -> u16 {
    let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) else {
        return 0;
    };
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if (c as u32) < 0x10000 => c as u16,
        _ => 0,
    }
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let out = std::env::var("OUT_DIR").unwrap();
    for t in TABLES {
        let mut points: Vec<u16> = (0x80..=0xFFu8)
            .map(|b| one_char(t.encoding, &[b]))
            .collect();
        for &(first, last) in t.leads {
            for lead in first..=last {
                for trail in 0x40..=t.trail_max {
                    points.push(one_char(t.encoding, &[lead, trail]));
                }
            }
        }
        let mut bytes = Vec::with_capacity(points.len() * 2);
        let mut previous = 0u16;
        for p in points {
            bytes.extend_from_slice(&p.wrapping_sub(previous).to_le_bytes());
            previous = p;
        }
        std::fs::write(Path::new(&out).join(format!("{}.bin", t.file)), bytes).unwrap();
    }
}
