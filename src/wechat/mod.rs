//! Inside WeChat (most volunteers open Baodao from WeChat's scanner): use
//! WeChat's own scanner through the JS-SDK (`wx.scanQRCode`), which works
//! where WeChat's browser refuses or mangles the camera. The SDK is our
//! vendored copy (`public/vendor/jweixin-1.6.0.js`), inserted only inside
//! WeChat, never from a CDN; the server signs the page
//! (`GET /api/wechat/jsconfig`, 404 when no official account is configured).
//!
//! The scanned text takes the camera scanner's path: a venue link opens
//! `/c#code`. When the SDK is unavailable the camera scanner opens, with a
//! hint for when WeChat's browser cannot use the camera.

use crate::i18n::Lang;
use baodao_core::venue_link::{code_from_scan, LinkError};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = r#"
// iOS WeChat signs the URL the page was first opened with; Android the current one.
const landing = location.href.split('#')[0];
let ready;
// No official account on this server (404): do not ask again this visit.
let unavailable = false;
// Setting up must never keep a volunteer from the camera for long (offline,
// a bad network): give up after this long.
const SETUP_MS = 5000;
function sdk() {
  if (unavailable || navigator.onLine === false) return Promise.reject(new Error('unavailable'));
  ready = ready || new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error('timeout')), SETUP_MS);
    const ios = /iPhone|iPad|iPod/i.test(navigator.userAgent);
    const url = ios ? landing : location.href.split('#')[0];
    fetch('/api/wechat/jsconfig?url=' + encodeURIComponent(url))
      .then((r) => {
        if (r.status === 404) unavailable = true;
        return r.ok ? r.json() : Promise.reject(new Error('jsconfig ' + r.status));
      })
      .then((cfg) => {
        const go = () => {
          const wx = window.wx;
          if (!wx) return reject(new Error('no wx'));
          wx.config({ debug: false, appId: cfg.appId, timestamp: cfg.timestamp,
            nonceStr: cfg.nonceStr, signature: cfg.signature, jsApiList: ['scanQRCode'] });
          wx.ready(() => resolve(wx));
          wx.error((e) => reject(new Error('wx.config: ' + (e && e.errMsg))));
        };
        if (window.wx) return go();
        const s = document.createElement('script');
        s.src = '/vendor/jweixin-1.6.0.js';
        s.onload = go;
        s.onerror = () => reject(new Error('sdk not loaded'));
        document.head.appendChild(s);
      })
      .catch(reject);
  });
  ready.catch(() => { ready = null; });
  return ready;
}
export function wx_scan() {
  return sdk().then((wx) => new Promise((resolve, reject) => {
    wx.scanQRCode({
      needResult: 1,
      scanType: ['qrCode'],
      success: (r) => resolve(String(r.resultStr || '')),
      fail: (e) => reject(new Error((e && e.errMsg) || 'scanQRCode failed')),
      cancel: () => reject(new Error('cancel')),
    });
  }));
}
// Before the scanner (which owns `host`'s content); gone with the scanner.
export function show_hint(host, text) {
  const parent = host.parentNode;
  if (!parent || !host.isConnected) return;
  const p = document.createElement('p');
  p.className = 'wechat-hint';
  p.textContent = text;
  parent.insertBefore(p, host);
  const watch = new MutationObserver(() => {
    if (!host.isConnected) { p.remove(); watch.disconnect(); }
  });
  watch.observe(parent, { childList: true });
}
export function open_path(path) {
  history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}
"#)]
extern "C" {
    /// Loads and configures the SDK (once), then opens WeChat's scanner;
    /// resolves to the scanned text.
    fn wx_scan() -> js_sys::Promise;
    /// Opens a path of the widget (the router follows popstate).
    fn open_path(path: &str);
    /// Shows `text` in a `<p class="wechat-hint">` before `host`, removed
    /// when `host` leaves the page (the router owns neither).
    fn show_hint(host: &web_sys::Element, text: &str);
}

/// Whether this is WeChat's built-in browser (`MicroMessenger` in the UA).
pub fn in_wechat() -> bool {
    web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .is_some_and(|ua| is_wechat_ua(&ua))
}

pub fn is_wechat_ua(ua: &str) -> bool {
    ua.contains("MicroMessenger")
}

/// WeChat's scanner, if this is WeChat and the SDK can be used: the scanned
/// text, else `None`.
pub async fn scan() -> Option<String> {
    if !in_wechat() {
        return None;
    }
    JsFuture::from(wx_scan()).await.ok()?.as_string()
}

/// The scan screen's first step (`src/pages/scan.rs`): inside WeChat, scan
/// with WeChat's scanner and open the venue; `true` when done. Otherwise
/// (not WeChat, no SDK, cancelled, not a venue code) `false`: the camera
/// scanner opens in `host`, and inside WeChat a hint above it says what to
/// do if the camera does not work there.
pub async fn scan_first(host: &web_sys::Element, lang: Lang) -> bool {
    if !in_wechat() {
        return false;
    }
    let mut notice = None;
    if let Some(text) = scan().await {
        match code_from_scan(&text) {
            Ok(code) => {
                open_path(&format!("/c#{code}"));
                return true;
            }
            Err(LinkError::MissingCode) => notice = Some("error-missing_code"),
            Err(_) => notice = Some("error-not_baodao"),
        }
    }
    hint(host, lang, notice);
    false
}

/// The hint before the scanner: the camera may not work in WeChat; take a
/// photo, type the short code, or open the page in the browser.
fn hint(host: &web_sys::Element, lang: Lang, notice: Option<&str>) {
    let mut text = String::new();
    if let Some(key) = notice {
        text.push_str(&lang.text(key));
        text.push(' ');
    }
    text.push_str(&lang.text("wechat-camera_hint"));
    show_hint(host, &text);
}
