//! The individual detect-and-decode passes the pipeline is built from.
//!
//! Every pass ends in rxing's QR decoder (`cpp_port::decoder::Decode`), which
//! only yields text after Reed–Solomon correction succeeded; that shared last
//! step is what keeps wrong texts out no matter how aggressive the image
//! preparation in front of it is.

use rxing::common::BitMatrix;
use rxing::common::DetectorRXingResult;
use rxing::qrcode::cpp_port::decoder::Decode;
use rxing::qrcode::cpp_port::detector::{
    DetectPureQR, FindFinderPatterns, GenerateFinderPatternSets, SampleQR,
};
use rxing::Point;

use crate::image_ops::Luma;

/// Finder-pattern triples are tried in quality order; beyond this many the
/// candidates in a noisy picture are almost always spurious and only cost time.
const MAX_FINDER_SETS: usize = 40;

/// Pushes `text` unless it is already present, keeping first-found order.
pub fn push_unique(texts: &mut Vec<String>, text: String) {
    if !texts.contains(&text) {
        texts.push(text);
    }
}

fn decode_symbol(bits: &BitMatrix) -> Option<String> {
    let result = Decode(bits).ok()?;
    // An invalid result carries whatever was parsed before an error; only fully
    // corrected symbols may reach the user.
    if !result.isValid() {
        return None;
    }
    // Never `result.text()`: rxing is built without character sets (Cargo.toml).
    crate::symbol_text::text(bits, &result)
}

pub fn bits_from_dark(width: usize, height: usize, dark: &[bool]) -> Option<BitMatrix> {
    let mut bits = BitMatrix::new(width as u32, height as u32).ok()?;
    for y in 0..height {
        for x in 0..width {
            if dark[y * width + x] {
                bits.set(x as u32, y as u32);
            }
        }
    }
    Some(bits)
}

/// zxing-cpp's detector: finds concentric finder patterns row by row, groups
/// them into triples and samples each candidate grid with perspective
/// correction and alignment-pattern refinement.
pub fn rxing_detect(bits: &BitMatrix, try_harder: bool, texts: &mut Vec<String>) {
    let mut patterns = FindFinderPatterns(bits, try_harder, 0);
    let sets = GenerateFinderPatternSets(&mut patterns);
    let mut used = Vec::new();
    let mut found_any = false;
    for set in sets.into_iter().take(MAX_FINDER_SETS) {
        if used.contains(&set.bl) || used.contains(&set.tl) || used.contains(&set.tr) {
            continue;
        }
        let Ok(detected) = SampleQR(bits, &set) else {
            continue;
        };
        if let Some(text) = decode_symbol(detected.getBits()) {
            used.extend([set.bl, set.tl, set.tr]);
            push_unique(texts, text);
            found_any = true;
        }
    }
    if !found_any {
        // Synthetic, tightly cropped codes have no quiet zone for the
        // finder-pattern scan to lock onto.
        if let Ok(detected) = DetectPureQR(bits) {
            if let Some(text) = decode_symbol(detected.getBits()) {
                push_unique(texts, text);
            }
        }
    }
}

/// rxing's block-wise hybrid binarizer (ZXing's default).
pub fn hybrid_bits(img: &Luma) -> Option<BitMatrix> {
    use rxing::{common::HybridBinarizer, BinaryBitmap, Luma8LuminanceSource};
    let source =
        Luma8LuminanceSource::new(img.pixels.clone(), img.width as u32, img.height as u32).ok()?;
    let bitmap = BinaryBitmap::new(HybridBinarizer::new(source));
    Some(bitmap.get_black_matrix().clone())
}

/// Last-resort sampling for bent or badly focused codes: a homography through
/// slightly misplaced finder centres puts a band of modules half a module off,
/// which is more damage than error correction can repair. Re-sampling with each
/// finder centre nudged by half a module recovers curved labels and fabric;
/// Reed–Solomon still has to accept the grid, so a lucky nudge cannot invent
/// text. Stops at the first success because this is only reached when the
/// ordinary passes found nothing at all.
pub fn rxing_detect_jittered(bits: &BitMatrix, texts: &mut Vec<String>) {
    const STEPS: [f32; 3] = [0.0, -0.5, 0.5];
    const MAX_JITTERED_SETS: usize = 3;
    let offsets: Vec<Point> = STEPS
        .iter()
        .flat_map(|&x| STEPS.iter().map(move |&y| Point { x, y }))
        .collect();
    let mut patterns = FindFinderPatterns(bits, true, 0);
    let sets = GenerateFinderPatternSets(&mut patterns);
    for set in sets.into_iter().take(MAX_JITTERED_SETS) {
        let module = set.tl.size.max(1) as f32 / 7.0;
        for &tl in &offsets {
            for &tr in &offsets {
                for &bl in &offsets {
                    let mut nudged = set;
                    nudged.tl.p += tl * module;
                    nudged.tr.p += tr * module;
                    nudged.bl.p += bl * module;
                    let Ok(detected) = SampleQR(bits, &nudged) else {
                        continue;
                    };
                    if let Some(text) = decode_symbol(detected.getBits()) {
                        push_unique(texts, text);
                        return;
                    }
                }
            }
        }
    }
}
