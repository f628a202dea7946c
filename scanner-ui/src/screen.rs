//! The scan screen inside the widget's `<section class="scanner">`.

use crate::frame_grabber::FrameGrabber;
use crate::page_visibility::{is_hidden, PageVisibility};
use crate::use_camera::{self, CameraError};
use crate::{feedback, now_ms, sleep, Decoder};
use js_sys::{Function, Object, Reflect};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{
    Element, Event, EventTarget, HtmlElement, HtmlInputElement, HtmlVideoElement, MediaStream,
    ResizeObserver,
};

/// At most one decode attempt per this many ms (≈7/s); fewer when decoding
/// itself takes longer.
const FRAME_INTERVAL_MS: f64 = 140.0;

#[derive(Default)]
struct Stats {
    frames: u32,
    grab_ms_total: f64,
    grab_ms_max: f64,
    decode_ms_total: f64,
    first_frame_at: Option<f64>,
}

/// An event listener to remove when the screen stops.
type Listener = (EventTarget, &'static str, Closure<dyn Fn(Event)>);
/// A resize observer and the callback it holds.
type Refit = (ResizeObserver, Closure<dyn Fn()>);

struct Inner {
    host: Element,
    video: HtmlVideoElement,
    hint: Element,
    notice: Element,
    error: Element,
    torch_button: HtmlElement,
    sound_button: Element,
    /// The widget's language tag (`zh-CN`, `en`) when the screen opened.
    lang: String,
    t: Function,
    on_text: Function,
    /// Bumped whenever the camera stops: a scan loop of an older generation ends.
    generation: Cell<u32>,
    closed: Cell<bool>,
    paused: Cell<bool>,
    torch_on: Cell<bool>,
    stream: RefCell<Option<MediaStream>>,
    decoder: RefCell<Option<Rc<Decoder>>>,
    grabber: Option<FrameGrabber>,
    stats: RefCell<Stats>,
    listeners: RefCell<Vec<Listener>>,
    visibility: RefCell<Option<PageVisibility>>,
    /// Refits the screen when what is above it changes height (texts
    /// arriving in another language, a banner).
    refit: RefCell<Option<Refit>>,
}

/// The running screen; `stop()` releases the camera and the worker.
#[wasm_bindgen]
pub struct Scanner(Rc<Inner>);

#[wasm_bindgen]
impl Scanner {
    /// Stops the camera and decoding for good (leaving the screen).
    pub fn stop(&self) {
        let s = &self.0;
        s.closed.set(true);
        s.stop_camera();
        s.visibility.borrow_mut().take();
        if let Some((observer, _)) = s.refit.borrow_mut().take() {
            observer.disconnect();
        }
        for (el, kind, f) in s.listeners.borrow_mut().drain(..) {
            let _ = el.remove_event_listener_with_callback(kind, f.as_ref().unchecked_ref());
        }
        s.decoder.borrow_mut().take();
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A translated text: the scan screen's own ([`crate::texts`]), else the
/// widget's `t(key)`.
fn translate(lang: &str, t: &Function, key: &str) -> String {
    if let Some(text) = crate::texts::own(lang, key) {
        return text.to_string();
    }
    t.call1(&JsValue::NULL, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Builds the screen in `host` and opens the camera.
///
/// `lang` is the widget's language tag; `t(key)` gives the widget's
/// translated texts; `on_text(text)` judges a decoded text:
/// it returns `undefined` when the text was accepted (the screen then gives
/// feedback and stops), else the locale key of a message to show while
/// scanning goes on.
#[wasm_bindgen]
pub fn start(
    host: Element,
    lang: String,
    t: Function,
    on_text: Function,
) -> Result<Scanner, JsValue> {
    let tr = |key: &str| escape(&translate(&lang, &t, key));
    let sound_key = if feedback::is_muted() {
        "scan-sound_off"
    } else {
        "scan-sound_on"
    };
    host.set_inner_html(&format!(
        r#"<style>{style}</style><h1 class="page-title">{title}</h1>
<div class="error-panel scan-error" hidden></div>
<div class="viewfinder"><video playsinline muted autoplay></video><div class="finder-frame" aria-hidden="true"></div><p class="finder-hint">{starting}</p></div>
<p class="scan-notice" role="status" aria-live="polite"></p>
<div class="scan-tools"><button type="button" class="secondary torch" aria-pressed="false" hidden>{torch}</button><button type="button" class="secondary sound" aria-pressed="{sound_on}">{sound}</button></div>
<label class="primary photo-button">{photo}<input type="file" accept="image/*" capture="environment" class="visually-hidden"></label>
<a class="short-code-link" href="/code">{type_code}</a>"#,
        style = include_str!("screen.css"),
        title = tr("scan-title"),
        starting = tr("scan-starting"),
        torch = tr("scan-torch"),
        sound = tr(sound_key),
        sound_on = !feedback::is_muted(),
        photo = tr("scan-photo"),
        type_code = tr("scan-type_code"),
    ));
    let find = |selector: &str| -> Result<Element, JsValue> {
        host.query_selector(selector)?
            .ok_or_else(|| JsValue::from_str(selector))
    };
    let inner = Rc::new(Inner {
        video: find("video")?.unchecked_into(),
        hint: find(".finder-hint")?,
        notice: find(".scan-notice")?,
        error: find(".scan-error")?,
        torch_button: find(".torch")?.unchecked_into(),
        sound_button: find(".sound")?,
        host: host.clone(),
        lang,
        t,
        on_text,
        generation: Cell::new(0),
        closed: Cell::new(false),
        paused: Cell::new(false),
        torch_on: Cell::new(false),
        stream: RefCell::new(None),
        decoder: RefCell::new(None),
        grabber: FrameGrabber::new(),
        stats: RefCell::new(Stats::default()),
        listeners: RefCell::new(Vec::new()),
        visibility: RefCell::new(None),
        refit: RefCell::new(None),
    });
    let photo_input = find("input[type=file]")?;
    let torch_button: Element = inner.torch_button.clone().into();
    let sound_button = inner.sound_button.clone();
    let error_panel = inner.error.clone();
    Inner::listen(&inner, &torch_button, "click", |s, _| s.toggle_torch());
    Inner::listen(&inner, &sound_button, "click", |s, _| s.toggle_sound());
    Inner::listen(&inner, &photo_input, "change", |s, e| s.read_photo(e));
    if let Some(w) = web_sys::window() {
        Inner::listen(&inner, &w, "resize", |s, _| s.fit());
    }
    let weak = Rc::downgrade(&inner);
    let refit = Closure::<dyn Fn()>::new(move || {
        if let Some(s) = weak.upgrade() {
            s.fit();
        }
    });
    let body = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body());
    if let (Ok(observer), Some(body)) = (ResizeObserver::new(refit.as_ref().unchecked_ref()), body)
    {
        observer.observe(&body);
        *inner.refit.borrow_mut() = Some((observer, refit));
    }
    inner.fit();
    // The retry button is re-created with each error message.
    Inner::listen(&inner, &error_panel, "click", |s, e| {
        let retry = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .is_some_and(|t| t.class_name() == "secondary retry");
        if retry {
            s.start_camera();
        }
    });
    let weak = Rc::downgrade(&inner);
    *inner.visibility.borrow_mut() = Some(PageVisibility::watch(move |hidden| {
        if let Some(s) = weak.upgrade() {
            s.visibility_changed(hidden);
        }
    }));
    if is_hidden() {
        inner.paused.set(true);
    } else {
        inner.start_camera();
    }
    Ok(Scanner(inner))
}

impl Inner {
    fn listen(
        this: &Rc<Inner>,
        el: &EventTarget,
        kind: &'static str,
        f: impl Fn(&Rc<Inner>, Event) + 'static,
    ) {
        let weak: Weak<Inner> = Rc::downgrade(this);
        let closure = Closure::<dyn Fn(Event)>::new(move |e: Event| {
            if let Some(s) = weak.upgrade() {
                f(&s, e);
            }
        });
        let _ = el.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
        this.listeners
            .borrow_mut()
            .push((el.clone(), kind, closure));
    }

    fn text(&self, key: &str) -> String {
        translate(&self.lang, &self.t, key)
    }

    fn set_state(&self, state: &str) {
        let _ = self.host.set_attribute("data-state", state);
        self.fit();
    }

    /// The room from the screen's top to the window's bottom (`--room`): the
    /// app bar and any banner above it vary, so it is measured.
    fn fit(&self) {
        let Some(w) = web_sys::window() else { return };
        let height = w
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        let top = self.host.get_bounding_client_rect().top() + w.scroll_y().unwrap_or(0.0);
        // The page's bottom padding.
        let room = (height - top - 12.0).max(0.0);
        if let Some(el) = self.host.dyn_ref::<HtmlElement>() {
            let _ = el.style().set_property("--room", &format!("{room}px"));
        }
    }

    fn show_notice(&self, key: Option<&str>) {
        self.notice
            .set_text_content(key.map(|k| self.text(k)).as_deref());
    }

    async fn decoder(&self) -> Rc<Decoder> {
        if let Some(d) = self.decoder.borrow().clone() {
            return d;
        }
        let d = Rc::new(Decoder::best().await);
        self.decoder.borrow_mut().get_or_insert(d).clone()
    }

    fn stop_camera(&self) {
        self.generation.set(self.generation.get().wrapping_add(1));
        if let Some(stream) = self.stream.borrow_mut().take() {
            use_camera::stop(&stream, Some(&self.video));
        }
        self.torch_on.set(false);
    }

    fn visibility_changed(self: &Rc<Self>, hidden: bool) {
        if self.closed.get() {
            return;
        }
        if hidden {
            if self.stream.borrow().is_some() {
                self.stop_camera();
                self.paused.set(true);
                self.set_state("paused");
            }
        } else if self.paused.replace(false) {
            self.start_camera();
        }
    }

    fn fail(&self, e: CameraError) {
        self.set_state("failed");
        let _ = self.error.set_attribute("data-error", e.message_key());
        let wechat = web_sys::window()
            .and_then(|w| w.navigator().user_agent().ok())
            .is_some_and(|ua| ua.contains("MicroMessenger"));
        let how = match e {
            CameraError::Denied if wechat => Some("scan-denied_wechat"),
            CameraError::Denied => Some("scan-denied_how"),
            _ => None,
        };
        // The how-to is long: one tap away, so the fallbacks below stay in view.
        let how = how.map_or(String::new(), |key| {
            format!(
                "<details><summary>{}</summary><p>{}</p></details>",
                escape(&self.text("scan-how")),
                escape(&self.text(key))
            )
        });
        self.error.set_inner_html(&format!(
            r#"<p>{}</p>{how}<button type="button" class="secondary retry">{}</button>"#,
            escape(&self.text(e.message_key())),
            escape(&self.text("scan-retry")),
        ));
        let _ = self.error.remove_attribute("hidden");
    }

    fn start_camera(self: &Rc<Self>) {
        if self.closed.get() {
            return;
        }
        self.stop_camera();
        let generation = self.generation.get();
        self.set_state("starting");
        let _ = self.error.set_attribute("hidden", "");
        self.hint
            .set_text_content(Some(&self.text("scan-starting")));
        let s = self.clone();
        spawn_local(async move {
            let stream = match use_camera::open_rear_camera(&s.video).await {
                Ok(stream) => stream,
                Err(e) => {
                    if s.generation.get() == generation {
                        s.fail(e);
                    }
                    return;
                }
            };
            if s.generation.get() != generation {
                use_camera::stop(&stream, None);
                return;
            }
            s.torch_button.set_hidden(!use_camera::has_torch(&stream));
            let _ = s.torch_button.set_attribute("aria-pressed", "false");
            *s.stream.borrow_mut() = Some(stream);
            s.set_state("scanning");
            s.hint.set_text_content(Some(&s.text("scan-hint")));
            let decoder = s.decoder().await;
            let source: JsValue = s.video.clone().into();
            while s.generation.get() == generation {
                let t0 = now_ms();
                let mut grab_ms = 0.0;
                let Some(grabber) = s.grabber.as_ref() else {
                    break;
                };
                let result = decoder.decode(grabber, &source, &mut grab_ms).await;
                if let Ok(Some(_)) = &result {
                    let mut st = s.stats.borrow_mut();
                    st.frames += 1;
                    st.grab_ms_total += grab_ms;
                    st.grab_ms_max = st.grab_ms_max.max(grab_ms);
                    st.decode_ms_total += now_ms() - t0;
                    st.first_frame_at.get_or_insert(t0);
                }
                if s.generation.get() != generation {
                    break;
                }
                if let Ok(Some(texts)) = result {
                    if s.judge(decoder.kind(), texts) {
                        return;
                    }
                }
                s.publish(decoder.kind(), None);
                sleep((FRAME_INTERVAL_MS - (now_ms() - t0)) as i32).await;
            }
        });
    }

    /// Hands decoded texts to the widget; true when one was accepted.
    fn judge(&self, decoder: &str, texts: Vec<String>) -> bool {
        for text in texts {
            if self.closed.get() {
                return true;
            }
            match self
                .on_text
                .call1(&JsValue::NULL, &JsValue::from_str(&text))
            {
                Ok(v) if v.is_undefined() || v.is_null() => {
                    self.publish(decoder, Some(now_ms()));
                    self.stop_camera();
                    self.set_state("found");
                    // After the widget's own reaction (it opens the check-in
                    // page in the next task): starting the audio for the beep
                    // takes milliseconds that would delay the venue on screen.
                    let beep = Closure::once_into_js(feedback::success);
                    if let Some(w) = web_sys::window() {
                        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                            beep.unchecked_ref(),
                            0,
                        );
                    }
                    return true;
                }
                Ok(v) => self.show_notice(v.as_string().as_deref()),
                Err(_) => {}
            }
        }
        false
    }

    fn toggle_torch(self: &Rc<Self>) {
        let Some(stream) = self.stream.borrow().clone() else {
            return;
        };
        let on = !self.torch_on.get();
        let s = self.clone();
        spawn_local(async move {
            if use_camera::set_torch(&stream, on).await {
                s.torch_on.set(on);
                let _ = s
                    .torch_button
                    .set_attribute("aria-pressed", if on { "true" } else { "false" });
            }
        });
    }

    fn toggle_sound(&self) {
        let muted = !feedback::is_muted();
        feedback::set_muted(muted);
        let _ = self
            .sound_button
            .set_attribute("aria-pressed", if muted { "false" } else { "true" });
        self.sound_button
            .set_text_content(Some(&self.text(if muted {
                "scan-sound_off"
            } else {
                "scan-sound_on"
            })));
    }

    fn read_photo(self: &Rc<Self>, e: Event) {
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        self.show_notice(Some("scan-photo_reading"));
        let s = self.clone();
        spawn_local(async move {
            let bitmap = match web_sys::window().map(|w| w.create_image_bitmap_with_blob(&file)) {
                Some(Ok(p)) => JsFuture::from(p).await.ok(),
                _ => None,
            };
            let decoder = s.decoder().await;
            let texts = match (bitmap, s.grabber.as_ref()) {
                (Some(bitmap), Some(grabber)) => decoder
                    .decode(grabber, &bitmap, &mut 0.0)
                    .await
                    .ok()
                    .flatten()
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            if s.closed.get() {
                return;
            }
            if texts.is_empty() {
                s.show_notice(Some("scan-photo_none"));
            } else if !s.judge(decoder.kind(), texts) {
                // Only foreign codes: judge() already said so.
            }
        });
    }

    /// Timings as `window.__baodaoScan`, for tests and diagnosis.
    fn publish(&self, decoder: &str, found_at: Option<f64>) {
        let s = self.stats.borrow();
        let n = s.frames.max(1) as f64;
        let first_to_found = match (s.first_frame_at, found_at) {
            (Some(a), Some(b)) => JsValue::from(b - a),
            _ => JsValue::NULL,
        };
        let o = Object::new();
        for (k, v) in [
            ("decoder", JsValue::from(decoder)),
            ("frames", s.frames.into()),
            ("grabMsMean", (s.grab_ms_total / n).into()),
            ("grabMsMax", s.grab_ms_max.into()),
            ("frameMsMean", (s.decode_ms_total / n).into()),
            ("firstFrameToDecodeMs", first_to_found),
        ] {
            let _ = Reflect::set(&o, &k.into(), &v);
        }
        if let Some(w) = web_sys::window() {
            let _ = Reflect::set(&w, &"__baodaoScan".into(), &o);
        }
    }
}
