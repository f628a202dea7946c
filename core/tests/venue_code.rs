//! End-to-end behaviour of venue codes: what the server signs, what a display
//! shows, what the widget accepts, and whether it fits in a QR code.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

// The same vectors, in the browser the widget runs in (headless Chromium).
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use baodao_core::venue_code::{
    assess_at_sync, slot_at, verify_authentic, verify_code, verify_scan, CodeError, CodeKind,
    DisplaySigner, EventKeySet, EventSigningKey, FlagReason, KeyId, KeyMismatch, SignedCode,
    Validity, VerifyPolicy, SLOT_SECONDS,
};
use baodao_core::venue_link::checkin_url;
use baodao_core::{EventId, VenueId};
use qrcode::bits::Bits;
use qrcode::{EcLevel, QrCode, Version};

const EVENT: EventId = EventId(1205);
const DAY: Validity = Validity {
    from: 1_796_400_000,
    until: 1_796_486_400,
};
const NOW_MS: i64 = 1_796_434_212_000;
const BASE: &str = "https://baodao.example.cn";

fn setup() -> (EventSigningKey, EventKeySet, DisplaySigner) {
    let key = EventSigningKey::from_seed(EVENT, KeyId(1), &[7; 32]);
    let keys = EventKeySet {
        event: EVENT,
        keys: vec![key.public_entry()],
    };
    let display_seed = [9; 32];
    let cert = key.certify_display(
        VenueId(23),
        DisplaySigner::public_key_for_seed(&display_seed),
        DAY,
    );
    let display = DisplaySigner::new(&display_seed, cert).unwrap();
    (key, keys, display)
}

/// Version chosen by the qrcode crate (mixed-mode segmentation, as the
/// server's poster generator uses it).
fn qr_version(data: &str) -> i16 {
    match QrCode::with_error_correction_level(data, EcLevel::M)
        .unwrap()
        .version()
    {
        Version::Normal(v) => v,
        Version::Micro(_) => unreachable!(),
    }
}

/// Smallest version holding `data` as a single byte-mode segment: the worst
/// case, for encoders that do not segment.
fn byte_mode_version(data: &str) -> i16 {
    (1..=40)
        .find(|&v| {
            let mut bits = Bits::new(Version::Normal(v));
            bits.push_byte_data(data.as_bytes()).is_ok() && bits.push_terminator(EcLevel::M).is_ok()
        })
        .unwrap()
}

#[test]
fn poster_url_fits_version_8_m() {
    let (key, _, _) = setup();
    let url = checkin_url(BASE, &key.static_code_string(VenueId(u32::MAX), DAY));
    assert_eq!(url.len(), 139, "{url}");
    assert!(qr_version(&url) <= 8, "version {}", qr_version(&url));
    assert!(byte_mode_version(&url) <= 8);
    // Byte-mode capacity of 8-M is 152: a base of up to 38 characters fits.
    let long_base = "https://baodao.some-district.gov.cn";
    let url = checkin_url(long_base, &key.static_code_string(VenueId(1), DAY));
    assert!(byte_mode_version(&url) <= 8, "{} bytes", url.len());
    eprintln!(
        "poster: {} bytes, version {} (byte mode {})",
        url.len(),
        qr_version(&url),
        byte_mode_version(&url)
    );
}

#[test]
fn screen_url_fits_version_12_m() {
    let (_, _, display) = setup();
    let url = checkin_url(BASE, &display.code_at(NOW_MS));
    assert_eq!(url.len(), 272, "{url}");
    assert!(qr_version(&url) <= 12, "version {}", qr_version(&url));
    assert!(byte_mode_version(&url) <= 12);
    eprintln!(
        "screen: {} bytes, version {} (byte mode {})",
        url.len(),
        qr_version(&url),
        byte_mode_version(&url)
    );
}

#[test]
fn widget_accepts_poster_and_screen() {
    let (key, keys, display) = setup();
    let policy = VerifyPolicy::default();
    let poster = checkin_url(BASE, &key.static_code_string(VenueId(23), DAY));
    let v = verify_scan(&poster, &keys, NOW_MS, &policy).unwrap();
    assert_eq!(
        (v.event, v.venue, v.kind, v.slot),
        (EVENT, VenueId(23), CodeKind::Static, None)
    );
    assert_eq!(v.validity, DAY);

    // Every code the screen shows during the day verifies on a phone whose
    // clock agrees, and up to the tolerance either side.
    let day_start = i64::from(DAY.from) * 1000;
    for step in 0..200 {
        let shown_at = day_start + step * 431_000;
        let code = display.code_at(shown_at);
        for skew in [-60_000, -29_999, 0, 29_999, 60_000] {
            let phone = shown_at + skew;
            let v = verify_code(&code, &keys, phone, &policy).unwrap();
            assert_eq!(v.kind, CodeKind::Rotating);
            assert_eq!(v.slot, Some(slot_at(shown_at)));
            assert_eq!(v.display_key, Some(display.certificate().display_key));
            assert_eq!(assess_at_sync(&v, phone, &policy), None);
        }
        // A photo of the screen, used five minutes later, no longer works.
        assert_eq!(
            verify_code(&code, &keys, shown_at + 300_000, &policy),
            Err(CodeError::Expired)
        );
    }
}

#[test]
fn tolerance_is_configurable() {
    let (_, keys, display) = setup();
    let code = display.code_at(NOW_MS);
    let later = NOW_MS + 5 * SLOT_SECONDS * 1000;
    let strict = VerifyPolicy {
        tolerance_slots: 0,
        ..VerifyPolicy::default()
    };
    let lax = VerifyPolicy {
        tolerance_slots: 5,
        ..VerifyPolicy::default()
    };
    assert_eq!(
        verify_code(&code, &keys, later, &strict),
        Err(CodeError::Expired)
    );
    assert!(verify_code(&code, &keys, later, &lax).is_ok());
}

#[test]
fn server_flags_but_does_not_reject_late_records() {
    let (_, keys, display) = setup();
    let policy = VerifyPolicy::default();
    let code = display.code_at(NOW_MS);
    // At sync, hours later, the code is still authentic.
    let v = verify_authentic(&code, &keys).unwrap();
    assert_eq!(assess_at_sync(&v, NOW_MS, &policy), None);
    assert_eq!(
        assess_at_sync(&v, NOW_MS + 3_600_000, &policy),
        Some(FlagReason::SlotFarFromDeviceTime)
    );
    assert_eq!(
        assess_at_sync(&v, NOW_MS + 86_400_000, &policy).map(FlagReason::code),
        Some("code_outside_validity")
    );
}

#[test]
fn revoking_a_key_refuses_its_codes_and_certificates() {
    let (key, mut keys, display) = setup();
    let policy = VerifyPolicy::default();
    let poster = key.static_code_string(VenueId(23), DAY);
    let screen = display.code_at(NOW_MS);
    let new_key = EventSigningKey::from_seed(EVENT, KeyId(2), &[8; 32]);
    keys.keys[0].revoked = true;
    keys.keys.push(new_key.public_entry());
    assert_eq!(
        verify_code(&poster, &keys, NOW_MS, &policy),
        Err(CodeError::RevokedKey)
    );
    assert_eq!(
        verify_code(&screen, &keys, NOW_MS, &policy),
        Err(CodeError::RevokedKey)
    );
    let reprinted = new_key.static_code_string(VenueId(23), DAY);
    assert!(verify_code(&reprinted, &keys, NOW_MS, &policy).is_ok());
}

#[test]
fn display_refuses_a_foreign_certificate() {
    let (key, _, _) = setup();
    let cert = key.certify_display(
        VenueId(1),
        DisplaySigner::public_key_for_seed(&[1; 32]),
        DAY,
    );
    assert_eq!(DisplaySigner::new(&[2; 32], cert).err(), Some(KeyMismatch));
    let json = serde_json::to_string(&cert).unwrap();
    assert_eq!(
        serde_json::from_str::<baodao_core::venue_code::DisplayCertificate>(&json).unwrap(),
        cert
    );
}

#[test]
fn widget_can_pick_the_key_set_by_the_claimed_event() {
    let (key, keys, _) = setup();
    let code = key.static_code_string(VenueId(23), DAY);
    let claimed = SignedCode::decode(&code).unwrap().event();
    assert_eq!(claimed, keys.event);
    let other = EventKeySet {
        event: EventId(1),
        keys: keys.keys.clone(),
    };
    assert_eq!(
        verify_code(&code, &other, NOW_MS, &VerifyPolicy::default()),
        Err(CodeError::WrongEvent)
    );
}
