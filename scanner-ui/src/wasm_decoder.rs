//! The wasm QR decoder (`scanner-wasm`) in a Web Worker: decoding runs off the
//! main thread, and in its own wasm instance, so a trap in the decoder (release
//! builds abort on panic) cannot take the app down; a broken worker is
//! replaced on the next frame. The worker and its wasm are only fetched when
//! the first frame is sent, so they are not part of the first-screen download.

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8ClampedArray};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ImageData, MessageEvent, Worker};

/// Built by trunk from `scanner-wasm/` (see index.html).
const WORKER_URL: &str = "/scanner-worker.js";

/// A frame takes a few ms and a 1280-pixel photo well under a second.
const TIMEOUT_MS: i32 = 5000;

/// Requests waiting for the worker: number, resolve and reject. More than
/// one when a photo is chosen while the camera's frame is being decoded; the
/// worker answers each by its number.
type Pending = Rc<RefCell<Vec<(u32, Function, Function)>>>;

fn take(pending: &Pending, id: u32) -> Option<(Function, Function)> {
    let mut p = pending.borrow_mut();
    let i = p.iter().position(|(waiting, _, _)| *waiting == id)?;
    let (_, resolve, reject) = p.swap_remove(i);
    Some((resolve, reject))
}

struct Running {
    worker: Worker,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(JsValue)>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// The scan loop waits for each frame's answer; a photo may be sent meanwhile.
#[derive(Default)]
pub struct WasmDecoder {
    running: RefCell<Option<Running>>,
    pending: Pending,
    next_id: std::cell::Cell<u32>,
}

impl WasmDecoder {
    pub fn new() -> WasmDecoder {
        WasmDecoder::default()
    }

    fn start(&self) -> Result<(), JsValue> {
        if self.running.borrow().is_some() {
            return Ok(());
        }
        let worker = Worker::new(WORKER_URL)?;
        let pending = self.pending.clone();
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
            let data = e.data();
            let id = Reflect::get(&data, &"id".into())
                .ok()
                .and_then(|id| id.as_f64());
            if let Some((resolve, _)) = id.and_then(|id| take(&pending, id as u32)) {
                let _ = resolve.call1(&JsValue::NULL, &data);
            }
        });
        let pending = self.pending.clone();
        let on_error = Closure::<dyn Fn(JsValue)>::new(move |e: JsValue| {
            // The worker failed to load or crashed: nothing it holds will be answered.
            let all: Vec<_> = pending.borrow_mut().drain(..).collect();
            for (_, _, reject) in all {
                let _ = reject.call1(&JsValue::NULL, &e);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        *self.running.borrow_mut() = Some(Running {
            worker,
            _on_message: on_message,
            _on_error: on_error,
        });
        Ok(())
    }

    /// Sends `image` to the worker (its pixels are transferred, not copied);
    /// the returned future yields the texts found.
    pub fn send(
        &self,
        image: &ImageData,
    ) -> Result<impl std::future::Future<Output = Result<Vec<String>, JsValue>> + '_, JsValue> {
        self.start()?;
        let data: Uint8ClampedArray =
            Reflect::get(image, &JsValue::from_str("data"))?.unchecked_into();
        let buffer = data.buffer();
        let id = self.next_id.get().wrapping_add(1);
        self.next_id.set(id);
        let message = Object::new();
        Reflect::set(&message, &"id".into(), &id.into())?;
        Reflect::set(&message, &"width".into(), &image.width().into())?;
        Reflect::set(&message, &"height".into(), &image.height().into())?;
        Reflect::set(&message, &"data".into(), &buffer)?;
        let answer = Promise::new(&mut |resolve, reject| {
            self.pending.borrow_mut().push((id, resolve, reject));
        });
        // A decoder stuck on some frame must not stall scanning for good:
        // give up on it after a while (the worker is then replaced).
        let pending = self.pending.clone();
        let timeout = Closure::once_into_js(move || {
            if let Some((_, reject)) = take(&pending, id) {
                let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("timeout"));
            }
        });
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                timeout.unchecked_ref(),
                TIMEOUT_MS,
            );
        }
        let sent = self.running.borrow().as_ref().map(|r| {
            r.worker
                .post_message_with_transfer(&message, &Array::of1(&buffer))
        });
        if let Some(Err(e)) = sent {
            take(&self.pending, id);
            return Err(e);
        }
        Ok(async move {
            let reply = JsFuture::from(answer).await;
            let texts = reply.and_then(|r| {
                let error = Reflect::get(&r, &"error".into())?;
                if error.is_undefined() {
                    Reflect::get(&r, &"texts".into())
                } else {
                    Err(error)
                }
            });
            match texts {
                Ok(texts) if texts.is_instance_of::<Array>() => Ok(Array::from(&texts)
                    .iter()
                    .filter_map(|t| t.as_string())
                    .collect()),
                Ok(other) => {
                    self.running.borrow_mut().take();
                    Err(other)
                }
                Err(e) => {
                    // The decoder trapped or failed to load: replace the worker.
                    self.running.borrow_mut().take();
                    Err(e)
                }
            }
        })
    }
}
