//! The widget's side of `public/embed.js`: when shown in another site's
//! iframe, tell the embedding page our height so it can size the iframe to
//! the content (no inner scroll bar: easier for older volunteers).
//!
//! embed.js puts `embed_origin=<the embedding page's origin>` (and `lang`)
//! in the iframe's URL. The height goes only to that origin
//! (`postMessage`'s target origin: a page of another origin never gets it),
//! and only pages listed in the server's `frame-ancestors` can frame us at
//! all; embed.js in turn accepts messages only from our origin and iframe.
//!
//! `?lang=zh-CN|en` (embed.js's `data-lang`) chooses the language.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function start_bridge() {
  let parentWin;
  try { parentWin = window.parent; } catch (_) { return; }
  if (!parentWin || parentWin === window) return;
  const origin = new URLSearchParams(location.search).get('embed_origin');
  if (!origin || !/^https?:\/\/[^/?#]+$/.test(origin)) return;
  document.documentElement.classList.add('embedded');
  let last = 0;
  const post = () => {
    const h = Math.ceil(document.body.getBoundingClientRect().height);
    if (h === last) return;
    last = h;
    try { parentWin.postMessage({ type: 'baodao:height', height: h }, origin); } catch (_) {}
  };
  new ResizeObserver(post).observe(document.body);
  post();
}
export function lang_param() {
  return new URLSearchParams(location.search).get('lang');
}
"#)]
extern "C" {
    fn start_bridge();
    fn lang_param() -> Option<String>;
}

/// Where [`crate::i18n`] remembers the language choice.
const LANG_STORAGE_KEY: &str = "baodao.lang";

/// Before mounting: apply `?lang=`, and start reporting our height if we are
/// embedded.
pub fn init() {
    let lang = match lang_param().as_deref() {
        Some("zh-CN" | "zh") => Some("zh-CN"),
        Some(tag) if tag.starts_with("en") => Some("en"),
        _ => None,
    };
    if let Some(lang) = lang {
        crate::local_store::set(LANG_STORAGE_KEY, lang);
    }
    start_bridge();
}
