//! The pairing rule of check-ins and check-outs into visits (core/src/hours.rs),
//! natively and in the browser the widget runs in (headless Chromium).

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use baodao_core::hours::{hours_minutes, total_ms, visits};
use baodao_core::{CheckIn, CheckKind, EventId, VenueId, Volunteer};
use uuid::Uuid;

const H: i64 = 3_600_000;
const M: i64 = 60_000;
const T0: i64 = 1_796_428_800_000;

fn rec(n: u128, venue: u32, kind: CheckKind, at: i64) -> CheckIn {
    CheckIn {
        id: Uuid::from_u128(n),
        event: EventId(1),
        venue: VenueId(venue),
        kind,
        code: "c".into(),
        device_time_ms: T0 + at,
        volunteer: Volunteer::new("王芳", "13812345678", "第一中学").unwrap(),
    }
}

use CheckKind::{In, Out};

#[test]
fn an_in_and_its_out_make_one_visit_with_its_hours() {
    let r = [rec(1, 1, In, 0), rec(2, 1, Out, 2 * H + 15 * M)];
    let v = visits(&r);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].duration_ms(), 2 * H + 15 * M);
    assert!(v[0].has_record(Uuid::from_u128(2)));
    assert!(!v[0].in_progress());
    assert_eq!(hours_minutes(total_ms(&v)), (2, 15));
}

#[test]
fn records_in_any_order_pair_by_time() {
    let r = [
        rec(4, 1, Out, 5 * H),
        rec(1, 1, In, 0),
        rec(3, 1, In, 4 * H),
        rec(2, 1, Out, H),
    ];
    let v = visits(&r);
    assert_eq!(v.len(), 2);
    assert_eq!(total_ms(&v), 2 * H);
    assert_eq!(v[0].check_in.unwrap().id, Uuid::from_u128(1));
}

#[test]
fn an_in_without_out_is_in_progress_and_counts_nothing() {
    let r = [rec(1, 1, In, 0), rec(2, 1, Out, H), rec(3, 1, In, 2 * H)];
    let v = visits(&r);
    assert_eq!(v.len(), 2);
    assert!(v[1].in_progress());
    assert_eq!(v[1].duration_ms(), 0);
    assert_eq!(total_ms(&v), H);
}

#[test]
fn two_ins_close_the_first_visit_without_hours() {
    // Forgot to check out at 09:00's visit; checked in again at 13:00,
    // out at 14:30: only the second visit counts.
    let r = [
        rec(1, 1, In, 0),
        rec(2, 1, In, 4 * H),
        rec(3, 1, Out, 5 * H + 30 * M),
    ];
    let v = visits(&r);
    assert_eq!(v.len(), 2);
    assert!(v[0].superseded);
    assert!(!v[0].in_progress());
    assert_eq!(v[0].duration_ms(), 0);
    assert_eq!(v[1].duration_ms(), H + 30 * M);
    assert_eq!(hours_minutes(total_ms(&v)), (1, 30));
}

#[test]
fn an_out_without_in_counts_nothing() {
    let r = [rec(1, 1, Out, H), rec(2, 1, Out, 2 * H)];
    let v = visits(&r);
    assert_eq!(v.len(), 2);
    assert!(v
        .iter()
        .all(|v| v.check_in.is_none() && v.duration_ms() == 0));
}

#[test]
fn a_check_in_elsewhere_ends_the_open_visit_there() {
    // In at A, in at B, out at A, out at B: A ends when B begins, so the
    // two visits do not overlap; the late check-out at A closes nothing.
    let r = [
        rec(1, 1, In, 0),
        rec(2, 2, In, H),
        rec(3, 1, Out, 2 * H),
        rec(4, 2, Out, 4 * H),
    ];
    let v = visits(&r);
    assert_eq!(v.len(), 3);
    assert_eq!(v[0].venue, VenueId(1));
    assert_eq!(v[0].ended_elsewhere.map(|s| s.id), Some(Uuid::from_u128(2)));
    assert!(!v[0].in_progress());
    assert_eq!(v[0].duration_ms(), H);
    assert_eq!(v[1].venue, VenueId(2));
    assert_eq!(v[1].duration_ms(), 3 * H);
    assert!(v[2].check_in.is_none());
    assert_eq!(total_ms(&v), 4 * H);
}

/// One place at a time, as a table: records `(venue, kind, minutes)` →
/// visits, minutes counted, and the venue of the visit still open.
#[test]
fn one_place_at_a_time() {
    type Case = (
        &'static str,
        &'static [(u32, CheckKind, i64)],
        usize,
        i64,
        Option<u32>,
    );
    let cases: &[Case] = &[
        (
            "the phone's move: out at A, then in at B a millisecond later",
            &[(1, In, 0), (1, Out, 90), (2, In, 90), (2, Out, 150)],
            2,
            150,
            None,
        ),
        (
            "in at A, in at B: A ends at B's check-in",
            &[(1, In, 0), (2, In, 60)],
            2,
            60,
            Some(2),
        ),
        (
            "overlap: out at A after the check-in at B counts nothing more",
            &[(1, In, 0), (2, In, 60), (1, Out, 120), (2, Out, 180)],
            3,
            180,
            None,
        ),
        (
            "forgotten check-out, back at A: B ends at the new check-in at A",
            &[(1, In, 0), (2, In, 60), (1, In, 90), (1, Out, 120)],
            3,
            120,
            None,
        ),
        (
            "forgotten check-out at the same venue still counts nothing",
            &[(1, In, 0), (1, In, 60), (1, Out, 90)],
            2,
            30,
            None,
        ),
        (
            "a check-out elsewhere leaves the open visit open",
            &[(1, In, 0), (2, Out, 60)],
            2,
            0,
            Some(1),
        ),
        (
            "three venues in a row",
            &[(1, In, 0), (2, In, 30), (3, In, 75)],
            3,
            75,
            Some(3),
        ),
    ];
    for (name, records, n, minutes, open) in cases {
        let r: Vec<CheckIn> = records
            .iter()
            .enumerate()
            // The move's check-out is a millisecond before the check-in.
            .map(|(i, &(venue, kind, at))| {
                rec(i as u128 + 1, venue, kind, at * M - i64::from(kind == Out))
            })
            .collect();
        let v = visits(&r);
        assert_eq!(v.len(), *n, "{name}: visits");
        assert_eq!((total_ms(&v) + M / 2) / M, *minutes, "{name}: minutes");
        let still_open: Vec<u32> = v
            .iter()
            .filter(|v| v.in_progress())
            .map(|v| v.venue.0)
            .collect();
        assert_eq!(
            still_open,
            open.iter().copied().collect::<Vec<_>>(),
            "{name}: open"
        );
        // Visits never overlap.
        let mut spans: Vec<(i64, i64)> = v
            .iter()
            .filter_map(|v| Some((v.check_in?.at_ms, v.check_in?.at_ms + v.duration_ms())))
            .collect();
        spans.sort();
        assert!(
            spans.windows(2).all(|w| w[0].1 <= w[1].0),
            "{name}: overlap"
        );
    }
}

#[test]
fn a_check_in_at_another_event_ends_the_open_visit_too() {
    let mut other = rec(2, 1, In, H);
    other.event = EventId(2);
    let r = [rec(1, 1, In, 0), other];
    let v = visits(&r);
    assert_eq!(v.len(), 2);
    assert_eq!(v[0].duration_ms(), H);
    assert!(v[1].in_progress());
}

#[test]
fn events_pair_independently() {
    let mut other = rec(2, 1, Out, H);
    other.event = EventId(2);
    let r = [rec(1, 1, In, 0), other];
    let v = visits(&r);
    assert_eq!(v.len(), 2);
    assert_eq!(total_ms(&v), 0);
}

#[test]
fn minutes_round_down() {
    assert_eq!(hours_minutes(59_999), (0, 0));
    assert_eq!(hours_minutes(H - 1), (0, 59));
    assert_eq!(hours_minutes(26 * H + M), (26, 1));
    assert_eq!(hours_minutes(-5), (0, 0));
    assert_eq!(total_ms(&[]), 0);
}
