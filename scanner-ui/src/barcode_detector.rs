//! The browser's own `BarcodeDetector`, used where it reads QR codes: it is
//! faster than wasm and costs no download. Called through `Reflect` since it
//! is missing from many browsers (desktop Linux Chromium, Firefox, WeChat's
//! older X5 WebView).

use crate::call;
use js_sys::{Array, Promise, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub struct BarcodeDetector(JsValue);

impl BarcodeDetector {
    /// A detector for QR codes, or `None` when there is no `BarcodeDetector`
    /// or it does not list `qr_code` among its formats.
    pub async fn for_qr() -> Option<BarcodeDetector> {
        let window: JsValue = web_sys::window()?.into();
        let class = Reflect::get(&window, &JsValue::from_str("BarcodeDetector")).ok()?;
        if class.is_undefined() {
            return None;
        }
        let formats = call(&class, "getSupportedFormats", &[]).ok()?;
        let formats = JsFuture::from(Promise::resolve(&formats)).await.ok()?;
        let formats = formats.dyn_into::<Array>().ok()?;
        if !formats.includes(&JsValue::from_str("qr_code"), 0) {
            return None;
        }
        let options = JSON::parse(r#"{"formats":["qr_code"]}"#).ok()?;
        let detector =
            Reflect::construct(class.dyn_ref::<js_sys::Function>()?, &Array::of1(&options)).ok()?;
        Some(BarcodeDetector(detector))
    }

    /// The texts of the QR codes in `source` (a video, canvas or ImageBitmap).
    pub async fn detect(&self, source: &JsValue) -> Result<Vec<String>, JsValue> {
        let found = call(&self.0, "detect", std::slice::from_ref(source))?;
        let found = JsFuture::from(Promise::resolve(&found)).await?;
        Ok(found
            .dyn_into::<Array>()?
            .iter()
            .filter_map(|b| {
                Reflect::get(&b, &JsValue::from_str("rawValue"))
                    .ok()?
                    .as_string()
            })
            .collect())
    }
}
