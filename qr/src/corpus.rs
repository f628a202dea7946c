//! Scoring the decoder against a folder of `<id>.png` + optional `<id>.txt`
//! cases (the layout of `shared/qr-corpus`). Shared by the `qr-bench` binary and
//! the corpus test so both report the same numbers. Native only: it loads PNGs.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// One image and, when known, the exact text it must decode to.
#[derive(Clone, Debug)]
pub struct Case {
    pub png: PathBuf,
    pub expected: Option<String>,
}

/// Lists the `*.png` files of `dir` in name order with their `.txt` texts.
pub fn cases(dir: &Path) -> std::io::Result<Vec<Case>> {
    let mut pngs: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "png"))
        .collect();
    pngs.sort();
    Ok(pngs
        .into_iter()
        .map(|png| {
            let expected = std::fs::read_to_string(png.with_extension("txt")).ok();
            Case { png, expected }
        })
        .collect())
}

/// Loads a PNG as `(width, height, rgba)`, the form the widget's canvas gives.
pub fn load_rgba(path: &Path) -> Result<(u32, u32, Vec<u8>), String> {
    let image = image::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let rgba = image.to_rgba8();
    Ok((rgba.width(), rgba.height(), rgba.into_raw()))
}

/// Decodes one case with the shipped entry point, timing only the decoding
/// (grayscale conversion and binarisation included, PNG loading not).
pub fn decode_case(case: &Case) -> Result<(Vec<String>, f64), String> {
    let (width, height, rgba) = load_rgba(&case.png)?;
    let start = Instant::now();
    let texts = crate::decode_rgba(width, height, &rgba);
    Ok((texts, start.elapsed().as_secs_f64() * 1000.0))
}

static PANICS: AtomicUsize = AtomicUsize::new(0);

/// Counts panics through the panic hook rather than `catch_unwind`, because
/// the library already catches them (it would hide them from the score) and
/// under `panic = "abort"` nothing can be caught at all.
pub fn install_panic_counter() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICS.fetch_add(1, Ordering::SeqCst);
        previous(info);
    }));
}

pub fn panics_so_far() -> usize {
    PANICS.load(Ordering::SeqCst)
}

/// The per-folder score printed by `qr-bench`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tally {
    /// Cases whose known text was among the decoded texts.
    pub matched: usize,
    /// Cases with a known text.
    pub expected: usize,
    /// Cases without a known text where something was decoded.
    pub extra: usize,
    /// Cases with a known text where only other texts were decoded.
    pub wrong: usize,
    pub panics: usize,
    pub images: usize,
    pub total_ms: f64,
}

impl Tally {
    pub fn record(&mut self, case: &Case, texts: &[String], ms: f64) {
        self.images += 1;
        self.total_ms += ms;
        match &case.expected {
            Some(expected) => {
                self.expected += 1;
                if texts.contains(expected) {
                    self.matched += 1;
                } else if !texts.is_empty() {
                    self.wrong += 1;
                }
            }
            None if !texts.is_empty() => self.extra += 1,
            None => {}
        }
    }

    /// A case that brought the decoder down still counts as an image, so
    /// that `expected` does not shrink when something panics.
    pub fn record_panic(&mut self, case: &Case) {
        self.images += 1;
        self.panics += 1;
        if case.expected.is_some() {
            self.expected += 1;
        }
    }

    pub fn mean_ms(&self) -> f64 {
        if self.images == 0 {
            0.0
        } else {
            self.total_ms / self.images as f64
        }
    }
}

impl fmt::Display for Tally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "matched={} expected={} extra={} wrong={} panics={} mean_ms={:.2}",
            self.matched,
            self.expected,
            self.extra,
            self.wrong,
            self.panics,
            self.mean_ms()
        )
    }
}

/// Where the shared corpus lives: `$QR_CORPUS`, else `shared/qr-corpus` beside
/// the repository checkout.
pub fn default_corpus_dir() -> PathBuf {
    match std::env::var_os("QR_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/qr-corpus"),
    }
}
