//! QR decoding for Baodao's in-app scanner.
//!
//! The widget hands camera frames to [`decode_rgba`] (or [`decode_luma`] when it
//! already has grayscale) and gets back every text it could read. The decoder
//! is built on rxing's port of zxing-cpp's QR detector and decoder, called
//! directly rather than through rxing's reader front-ends: those create
//! timestamped results via `chrono::Utc::now()`, which panics on
//! `wasm32-unknown-unknown`, and pull in readers the scanner does not need.
//!
//! A panic in a wasm release build aborts the whole widget, so inputs are
//! validated up front and native builds additionally wrap the decoder in
//! `catch_unwind` as a backstop.

mod charset;
#[cfg(not(target_arch = "wasm32"))]
pub mod corpus;
mod image_ops;
mod passes;
mod pipeline;
mod symbol_text;

use image_ops::Luma;

/// Decodes all QR codes in an 8-bit grayscale image (row-major,
/// `luma.len() == width * height`).
///
/// Returns the texts in the order found, without duplicates; an empty vector
/// when nothing was readable or the dimensions do not match the buffer. Only
/// texts whose Reed–Solomon error correction succeeded are returned.
pub fn decode_luma(width: u32, height: u32, luma: &[u8]) -> Vec<String> {
    guarded(|| match Luma::from_slice(width, height, luma) {
        Some(image) => pipeline::decode(&image),
        None => Vec::new(),
    })
}

/// Decodes all QR codes in an RGBA image as read from a canvas
/// (`rgba.len() == width * height * 4`); otherwise as [`decode_luma`].
pub fn decode_rgba(width: u32, height: u32, rgba: &[u8]) -> Vec<String> {
    guarded(|| match Luma::from_rgba(width, height, rgba) {
        Some(image) => pipeline::decode(&image),
        None => Vec::new(),
    })
}

#[cfg(not(target_arch = "wasm32"))]
fn guarded(decode: impl FnOnce() -> Vec<String>) -> Vec<String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(decode)).unwrap_or_default()
}

/// wasm release builds use `panic = "abort"`, where `catch_unwind` cannot
/// help; the decoder's own input checks have to hold there.
#[cfg(target_arch = "wasm32")]
fn guarded(decode: impl FnOnce() -> Vec<String>) -> Vec<String> {
    decode()
}
