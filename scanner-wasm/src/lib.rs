//! Baodao's QR decoder, exported to JavaScript for the scan screen's Web
//! Worker (`scanner-worker.js`).
//!
//! It runs off the main thread and in its own wasm instance: the release build
//! aborts on panic (`panic = "abort"`), and a trap here only breaks the
//! worker, which the widget then replaces; the app itself keeps running.
//! [`baodao_qr`] validates its inputs and is written not to panic.

use wasm_bindgen::prelude::*;

/// Every QR text readable in an RGBA image (`rgba.len() == width * height * 4`,
/// as from `CanvasRenderingContext2D.getImageData`); empty when none, or when
/// the dimensions do not match the buffer.
#[wasm_bindgen]
pub fn decode_rgba(width: u32, height: u32, rgba: &[u8]) -> Vec<String> {
    baodao_qr::decode_rgba(width, height, rgba)
}

/// As [`decode_rgba`] for 8-bit grayscale (`luma.len() == width * height`).
#[wasm_bindgen]
pub fn decode_luma(width: u32, height: u32, luma: &[u8]) -> Vec<String> {
    baodao_qr::decode_luma(width, height, luma)
}
