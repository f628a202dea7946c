//! Loads the scan screen's own module (`scanner-ui/`: camera, viewfinder,
//! decoding loop, photo fallback) when `/scan` opens. None of it is in this
//! wasm: the widget's first-screen download must stay within its size
//! budget, which the scan screen would break. The QR decoder is a third module
//! (`scanner-wasm/`), run by scanner-ui in a Web Worker.
//!
//! Both are built by trunk (index.html) with fixed names, not preloaded.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
let loading;
export function open_scanner(host, lang, f) {
  loading = loading || import('/scanner-ui.js').then(async (m) => {
    await m.default({ module_or_path: '/scanner-ui_bg.wasm' });
    return m;
  }).catch((e) => { loading = null; throw e; });
  const onText = (text) => {
    const r = f('', text);
    if (r && r[0] !== '/') return r;
    // Accepted (src/scan_timing.rs).
    performance.mark('baodao:scan-decoded');
    // Accepted: open the check-in page once the scanner's call has returned
    // (leaving closes it). The router follows popstate.
    setTimeout(() => {
      history.pushState(null, '', r);
      dispatchEvent(new PopStateEvent('popstate'));
    });
  };
  return loading.then((m) => m.start(host, lang, (k) => f(k, undefined), onText));
}
export function close_scanner(s) {
  if (s) { s.stop(); setTimeout(() => s.free()); }
}
"#)]
extern "C" {
    /// Imports scanner-ui (once) and starts the screen in `host` in the
    /// language tagged `lang` (the scan screen's texts come with it:
    /// `locales/{lang}/scan.ftl`); resolves to its handle. `f(key, undefined)` is
    /// scanner_ui's `t(key)` for the widget's other texts;
    /// `f("", text)` judges a decoded text: a path (`/c#code`) to open, or
    /// the key of a message to show while scanning goes on.
    pub fn open_scanner(
        host: &web_sys::Element,
        lang: &str,
        f: &js_sys::Function,
    ) -> js_sys::Promise;

    /// Stops the camera and decoding, then frees the handle.
    pub fn close_scanner(scanner: &JsValue);
}
