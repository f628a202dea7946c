//! The decoder's text for segments in other character sets (src/charset.rs,
//! src/symbol_text.rs): symbols made with the `qrcode` encoder in chosen
//! modes and ECIs, rendered and decoded like a camera frame.

use baodao_qr::decode_luma;
use qrcode::bits::Bits;
use qrcode::types::{EcLevel, Version};
use qrcode::{Color, QrCode};

/// A symbol built by `build` (version 5-M), rendered 4 px per module with a
/// quiet zone, then decoded.
fn decode(build: impl FnOnce(&mut Bits)) -> Vec<String> {
    let mut bits = Bits::new(Version::Normal(5));
    build(&mut bits);
    bits.push_terminator(EcLevel::M).unwrap();
    let code = QrCode::with_bits(bits, EcLevel::M).unwrap();
    let (n, quiet, px) = (code.width(), 4, 4);
    let side = (n + 2 * quiet) * px;
    let colors = code.to_colors();
    let mut luma = vec![255u8; side * side];
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = (
                (x / px) as isize - quiet as isize,
                (y / px) as isize - quiet as isize,
            );
            if (0..n as isize).contains(&mx)
                && (0..n as isize).contains(&my)
                && colors[my as usize * n + mx as usize] == Color::Dark
            {
                luma[y * side + x] = 0;
            }
        }
    }
    decode_luma(side as u32, side as u32, &luma)
}

#[test]
fn ascii_and_utf8_without_eci() {
    assert_eq!(
        decode(|b| b
            .push_byte_data(b"https://checkin.example.cn/c#abc")
            .unwrap()),
        ["https://checkin.example.cn/c#abc"]
    );
    // No ECI: guessed as UTF-8, as zxing does.
    assert_eq!(
        decode(|b| b.push_byte_data("报到 签到".as_bytes()).unwrap()),
        ["报到 签到"]
    );
}

#[test]
fn eci_designates_the_character_set() {
    // ECI 29: GB 18030 (two-byte GBK range) — 报到 is B1 A8 B5 BD.
    let gbk = decode(|b| {
        b.push_eci_designator(29).unwrap();
        b.push_byte_data(&[0xB1, 0xA8, 0xB5, 0xBD]).unwrap();
    });
    assert_eq!(gbk, ["报到"]);
    // ECI 26: UTF-8; ECI 20: Shift_JIS (亜 is 88 9F); ECI 23: windows-1252 (80 is €).
    assert_eq!(
        decode(|b| {
            b.push_eci_designator(26).unwrap();
            b.push_byte_data("签到".as_bytes()).unwrap();
        }),
        ["签到"]
    );
    assert_eq!(
        decode(|b| {
            b.push_eci_designator(20).unwrap();
            b.push_byte_data(&[0x88, 0x9F]).unwrap();
        }),
        ["亜"]
    );
    assert_eq!(
        decode(|b| {
            b.push_eci_designator(23).unwrap();
            b.push_byte_data(&[0x80, b'5']).unwrap();
        }),
        ["€5"]
    );
    // ECI 25: UTF-16BE.
    assert_eq!(
        decode(|b| {
            b.push_eci_designator(25).unwrap();
            b.push_byte_data(&[0x62, 0xA5, 0x52, 0x30]).unwrap();
        }),
        ["报到"]
    );
}

#[test]
fn kanji_mode_is_shift_jis() {
    // 点茗 in Shift_JIS (the example of ISO 18004).
    assert_eq!(
        decode(|b| b.push_kanji_data(&[0x93, 0x5F, 0xE4, 0xAA]).unwrap()),
        ["点茗"]
    );
}

#[test]
fn unsupported_or_malformed_text_gives_no_text_rather_than_a_wrong_one() {
    // ECI 28: Big5, not supported by the scanner's decoder.
    assert!(decode(|b| {
        b.push_eci_designator(28).unwrap();
        b.push_byte_data(&[0xA4, 0xA4]).unwrap();
    })
    .is_empty());
    // GB 18030 with a lead byte and no trail byte.
    assert!(decode(|b| {
        b.push_eci_designator(29).unwrap();
        b.push_byte_data(&[b'a', 0xB1]).unwrap();
    })
    .is_empty());
    // UTF-8 designated but not UTF-8.
    assert!(decode(|b| {
        b.push_eci_designator(26).unwrap();
        b.push_byte_data(&[0xFF, 0xFE, 0x41]).unwrap();
    })
    .is_empty());
}
