//! Loads the scan screen's own module (`scanner-ui/`: camera, viewfinder,
//! decoding loop, photo fallback) when `/scan` opens. None of it is in this
//! wasm: the widget's first-screen download must stay within 200 KB brotli,
//! and the scan screen would add ~18 KB. The QR decoder is a third module
//! (`scanner-wasm/`), run by scanner-ui in a Web Worker.
//!
//! Both are built by trunk (index.html) with fixed names, not preloaded.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
let loading;
export function open_scanner(host, t, onText) {
  loading = loading || import('/scanner-ui.js').then(async (m) => {
    await m.default({ module_or_path: '/scanner-ui_bg.wasm' });
    return m;
  }).catch((e) => { loading = null; throw e; });
  return loading.then((m) => m.start(host, t, onText));
}
export function close_scanner(s) {
  if (s) { s.stop(); setTimeout(() => s.free()); }
}
"#)]
extern "C" {
    /// Imports scanner-ui (once) and starts the screen in `host`; resolves
    /// to its handle. See `scanner_ui::start` for `t` and `on_text`.
    #[wasm_bindgen(catch)]
    pub async fn open_scanner(
        host: &web_sys::Element,
        t: &js_sys::Function,
        on_text: &js_sys::Function,
    ) -> Result<JsValue, JsValue>;

    /// Stops the camera and decoding, then frees the handle.
    pub fn close_scanner(scanner: &JsValue);
}
