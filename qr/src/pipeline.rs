//! The order in which passes are tried.
//!
//! Measured on the ZXing and jsQR photo corpora (see `qr-bench`): the
//! hybrid-binarized full-resolution pass alone reads ~93% / 97% of the codes in
//! well under a millisecond, so it runs first and everything else only runs
//! when it found nothing. The fallbacks are ordered by how many remaining codes
//! each recovered per millisecond; the jittered resampling is slowest and runs
//! last. Passes that never added a code on the corpora (quirc's detector,
//! inversion-free upscaling, blur, Otsu) were left out to keep the wasm small.

use crate::image_ops::{local_mean_dark, Luma};
use crate::passes::{bits_from_dark, hybrid_bits, rxing_detect, rxing_detect_jittered};

/// Frames beyond this are halved first: more pixels than this add time but no
/// readable detail for a phone-held code.
const MAX_SIDE: usize = 2048;

/// Below this, halving would leave too few pixels per module to be useful.
const MIN_SIDE_FOR_DOWNSCALE: usize = 160;

pub fn decode(original: &Luma) -> Vec<String> {
    let mut texts = Vec::new();
    let mut shrunk;
    let mut image = original;
    while image.width.max(image.height) > MAX_SIDE {
        shrunk = image.downscale(2);
        image = &shrunk;
    }

    let Some(mut bits) = hybrid_bits(image) else {
        return texts;
    };
    rxing_detect(&bits, true, &mut texts);
    if !texts.is_empty() {
        return texts;
    }

    // A window of a sixteenth of the frame follows uneven lighting that the
    // 8-pixel blocks of the hybrid binarizer get wrong around glare.
    let radius = (image.min_side() / 16).max(2);
    if let Some(local) = bits_from_dark(
        image.width,
        image.height,
        &local_mean_dark(image, radius, 2),
    ) {
        rxing_detect(&local, true, &mut texts);
        if !texts.is_empty() {
            return texts;
        }
    }

    // Halving smooths print halftoning and sensor noise that otherwise break
    // the finder-pattern run-length checks.
    if image.min_side() >= MIN_SIDE_FOR_DOWNSCALE {
        if let Some(half) = hybrid_bits(&image.downscale(2)) {
            rxing_detect(&half, true, &mut texts);
            if !texts.is_empty() {
                return texts;
            }
        }
    }

    // Light-on-dark codes (dark-mode screens, inverted prints).
    bits.flip_self();
    rxing_detect(&bits, true, &mut texts);
    if !texts.is_empty() {
        return texts;
    }
    bits.flip_self();

    rxing_detect_jittered(&bits, &mut texts);
    texts
}
