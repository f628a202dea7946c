//! Success feedback: a short vibration where supported and a short beep
//! (a WebAudio oscillator, no audio file) unless muted; the mute choice is
//! remembered on the device.

use crate::call;
use wasm_bindgen::prelude::*;
use web_sys::AudioContext;

const MUTED_KEY: &str = "baodao.scan.muted";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn is_muted() -> bool {
    storage()
        .and_then(|s| s.get_item(MUTED_KEY).ok().flatten())
        .as_deref()
        == Some("1")
}

/// Remembers the choice; private modes without storage just forget it.
pub fn set_muted(muted: bool) {
    if let Some(s) = storage() {
        let _ = if muted {
            s.set_item(MUTED_KEY, "1")
        } else {
            s.remove_item(MUTED_KEY)
        };
    }
}

/// Vibrates and beeps (unless muted); silently does less where unsupported.
pub fn success() {
    if let Some(w) = web_sys::window() {
        // `navigator.vibrate` is missing on iOS: called through `call`, never a crash.
        let _ = call(&w.navigator(), "vibrate", &[JsValue::from(80)]);
    }
    if !is_muted() {
        let _ = beep();
    }
}

fn beep() -> Result<(), JsValue> {
    let ctx = AudioContext::new()?;
    let osc = ctx.create_oscillator()?;
    let gain = ctx.create_gain()?;
    osc.frequency().set_value(1320.0);
    gain.gain().set_value(0.1);
    osc.connect_with_audio_node(&gain)?;
    gain.connect_with_audio_node(&ctx.destination())?;
    if let Ok(resuming) = ctx.resume() {
        // Closing the context below rejects a resume still pending (a busy
        // phone): awaited here so that it is not an uncaught rejection.
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(resuming).await;
        });
    }
    let t = ctx.current_time();
    osc.start()?;
    osc.stop_with_when(t + 0.12)?;
    // Release the audio hardware once the beep is over.
    let close = Closure::once_into_js(move || {
        let _ = ctx.close();
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(close.unchecked_ref(), 400);
    }
    Ok(())
}
