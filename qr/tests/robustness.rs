//! Garbage in must give "nothing found", never a panic: in the widget's wasm
//! release build a panic aborts the whole app.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;

use baodao_qr::{decode_luma, decode_rgba};

/// Small deterministic generator so failures reproduce without extra crates.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

static HOOK_PANICS: AtomicUsize = AtomicUsize::new(0);

/// `decode_*` catch panics natively, which would hide them here; count them at
/// the hook instead, since any panic would be fatal in wasm.
fn watch_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            HOOK_PANICS.fetch_add(1, Ordering::SeqCst);
            previous(info);
        }));
    });
}

fn assert_no_panics() {
    assert_eq!(HOOK_PANICS.load(Ordering::SeqCst), 0, "decoder panicked");
}

#[test]
fn mismatched_and_degenerate_sizes_decode_nothing() {
    watch_panics();
    let cases: &[(u32, u32, usize)] = &[
        (0, 0, 0),
        (0, 10, 0),
        (10, 0, 0),
        (1, 1, 1),
        (1, 1, 0),
        (2, 2, 3),
        (10, 10, 99),
        (10, 10, 101),
        (u32::MAX, u32::MAX, 16),
        (u32::MAX, 2, 16),
        (1, 4000, 4000),
        (4000, 1, 4000),
        (3, 3, 9),
    ];
    for &(w, h, len) in cases {
        let data = vec![0u8; len];
        assert!(
            decode_luma(w, h, &data).is_empty(),
            "luma {w}x{h} len {len}"
        );
        let data = vec![0u8; len * 4];
        assert!(
            decode_rgba(w, h, &data).is_empty(),
            "rgba {w}x{h} len {len}"
        );
    }
    assert_no_panics();
}

#[test]
fn random_noise_and_patterns_never_panic() {
    watch_panics();
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let sizes = [
        (1, 1),
        (2, 3),
        (7, 7),
        (21, 21),
        (25, 40),
        (64, 64),
        (100, 7),
        (160, 120),
        (320, 240),
    ];
    for &(w, h) in &sizes {
        for round in 0..6 {
            let n = w * h;
            let luma = match round {
                0 => vec![0u8; n],
                1 => vec![255u8; n],
                // Hard black/white noise: maximal edge density for the
                // finder-pattern scanner.
                2 => rng.bytes(n).into_iter().map(|b| b & 0x80).collect(),
                // Block noise with module-like structure at several scales.
                3 | 4 => {
                    let cell = 1 + round;
                    let cells = rng.bytes(n);
                    (0..n)
                        .map(|i| cells[(i / w / cell) * w + (i % w) / cell] & 0x80)
                        .collect()
                }
                _ => rng.bytes(n),
            };
            let (w32, h32) = (w as u32, h as u32);
            decode_luma(w32, h32, &luma);
            let rgba = rng.bytes(n * 4);
            decode_rgba(w32, h32, &rgba);
        }
    }
    assert_no_panics();
}

#[test]
fn finder_like_garbage_never_panics() {
    // Concentric squares (fake finder patterns) at random places and sizes
    // drive the detector deep into its sampling code with nonsense geometry.
    watch_panics();
    let mut rng = XorShift(42);
    for _ in 0..40 {
        let (w, h) = (
            40 + (rng.next() % 200) as usize,
            40 + (rng.next() % 200) as usize,
        );
        let mut img = vec![255u8; w * h];
        for _ in 0..(1 + rng.next() % 5) {
            let module = 1 + (rng.next() % 6) as usize;
            let (cx, cy) = ((rng.next() as usize) % w, (rng.next() as usize) % h);
            for dy in 0..7 * module {
                for dx in 0..7 * module {
                    let (mx, my) = (dx / module, dy / module);
                    let ring = mx.min(my).min(6 - mx).min(6 - my);
                    let dark = ring != 1;
                    let (x, y) = (cx + dx, cy + dy);
                    if x < w && y < h && dark {
                        img[y * w + x] = 0;
                    }
                }
            }
        }
        for px in img.iter_mut() {
            if rng.next().is_multiple_of(20) {
                *px = 255 - *px;
            }
        }
        decode_luma(w as u32, h as u32, &img);
    }
    assert_no_panics();
}
