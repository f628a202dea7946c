//! Baodao's scan screen, loaded on demand by the widget's `/scan` route
//! (`src/scanner/mod.rs` there) so that none of it is in the widget's
//! first-screen download: the rear camera with a viewfinder, a few decode
//! attempts a second on a downscaled centre crop, the browser's
//! `BarcodeDetector` where it reads QR codes, else the wasm decoder
//! (`scanner-wasm`) in a Web Worker, success feedback, a photo fallback, and
//! clear camera errors. The widget keeps the decisions: what a decoded text
//! means (`on_text`), the texts (`t`), and navigation.
//!
//! One browser capability per module, leptos-use style.

pub mod barcode_detector;
pub mod feedback;
pub mod frame_grabber;
pub mod page_visibility;
mod screen;
pub mod texts;
pub mod use_camera;
pub mod wasm_decoder;

pub use screen::{start, Scanner};

use barcode_detector::BarcodeDetector;
use frame_grabber::FrameGrabber;
use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_decoder::WasmDecoder;

/// Calls `target[method](...args)`; a missing method or a thrown exception is
/// an `Err`, never a crash (for APIs that exist only in some browsers).
pub(crate) fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: Function = Reflect::get(target, &JsValue::from_str(method))?.dyn_into()?;
    f.apply(target, &args.iter().collect::<Array>())
}

/// `performance.now()` in milliseconds.
pub(crate) fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Resolves after `ms` milliseconds.
pub(crate) async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms.max(0));
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Whichever QR decoder this browser has.
pub enum Decoder {
    /// `BarcodeDetector` with `qr_code` support (most Android Chromes, Safari 17+).
    Native(BarcodeDetector),
    /// `scanner-wasm` in a Web Worker.
    Wasm(WasmDecoder),
}

impl Decoder {
    pub async fn best() -> Decoder {
        match BarcodeDetector::for_qr().await {
            Some(d) => Decoder::Native(d),
            None => Decoder::Wasm(WasmDecoder::new()),
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Decoder::Native(_) => "barcode-detector",
            Decoder::Wasm(_) => "wasm",
        }
    }

    /// Decodes an image source: a `<video>` (its centre crop for the wasm
    /// decoder) or an `ImageBitmap` (a photo). `Ok(None)` when there was no
    /// frame yet. Adds the main thread's time to `grab_ms`.
    pub async fn decode(
        &self,
        grabber: &FrameGrabber,
        source: &JsValue,
        grab_ms: &mut f64,
    ) -> Result<Option<Vec<String>>, JsValue> {
        match self {
            Decoder::Native(d) => d.detect(source).await.map(Some),
            Decoder::Wasm(w) => {
                let t0 = now_ms();
                let Some(image) = grabber.grab(source) else {
                    return Ok(None);
                };
                let request = w.send(&image);
                *grab_ms += now_ms() - t0;
                request?.await.map(Some)
            }
        }
    }
}
