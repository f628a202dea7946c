//! Scores the shipped decoder on the shared photo corpus; the thresholds are
//! the scanner's acceptance targets (>= 98% per set, never a wrong text).

use baodao_qr::corpus::{self, Tally};

/// `jsqr/j182` is labelled with jsQR's own partial decoding ("入り", only the
/// Kanji segment); the same image is `zxing/q2-26`, whose full text the decoder
/// reads correctly. That single case is the only tolerated mismatch.
const KNOWN_MISLABELLED: &[&str] = &["j182"];

fn score(set: &str) -> Option<(Tally, usize)> {
    let dir = corpus::default_corpus_dir().join(set);
    if !dir.is_dir() {
        println!(
            "SKIPPED: QR corpus not found at {} (set QR_CORPUS to its folder)",
            dir.display()
        );
        return None;
    }
    let panics_before = corpus::panics_so_far();
    let mut tally = Tally::default();
    let mut mislabelled_wrong = 0;
    for case in corpus::cases(&dir).expect("corpus folder is readable") {
        let (texts, ms) = corpus::decode_case(&case).expect("corpus image loads");
        let wrong_before = tally.wrong;
        tally.record(&case, &texts, ms);
        let id = case.png.file_stem().unwrap_or_default().to_string_lossy();
        if tally.wrong > wrong_before {
            if KNOWN_MISLABELLED.contains(&id.as_ref()) {
                mislabelled_wrong += 1;
            } else {
                println!("wrong text for {id}: {texts:?}");
            }
        }
    }
    tally.panics = corpus::panics_so_far() - panics_before;
    println!("{set}: {tally}");
    Some((tally, mislabelled_wrong))
}

#[test]
fn corpus_meets_targets() {
    corpus::install_panic_counter();
    for (set, required) in [("zxing", 176), ("jsqr", 103)] {
        let Some((tally, mislabelled_wrong)) = score(set) else {
            return;
        };
        assert!(
            tally.matched >= required,
            "{set}: matched {} < {required}",
            tally.matched
        );
        assert_eq!(tally.wrong - mislabelled_wrong, 0, "{set}: wrong texts");
        assert_eq!(tally.panics, 0, "{set}: panics");
    }
}
