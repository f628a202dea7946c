//! The rear camera into a `<video>`, its failures, and its torch.

use crate::call;
use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{DomException, HtmlVideoElement, MediaStream, MediaStreamConstraints};

/// Why the camera could not be opened; each has its own explanation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CameraError {
    /// The user or the browser/WeChat settings refused camera access.
    Denied,
    /// No camera (or no API for one in this browser).
    NotFound,
    /// Another app or tab holds the camera.
    Busy,
    /// Plain HTTP: browsers only allow the camera over HTTPS.
    Insecure,
    Other,
}

impl CameraError {
    fn from_js(e: &JsValue) -> CameraError {
        let name = e
            .dyn_ref::<DomException>()
            .map(|d| d.name())
            .unwrap_or_default();
        match name.as_str() {
            "NotAllowedError" | "SecurityError" | "PermissionDeniedError" => CameraError::Denied,
            "NotFoundError" | "OverconstrainedError" | "DevicesNotFoundError" => {
                CameraError::NotFound
            }
            "NotReadableError" | "AbortError" | "TrackStartError" => CameraError::Busy,
            _ => CameraError::Other,
        }
    }

    /// The locale key explaining this failure.
    pub fn message_key(self) -> &'static str {
        match self {
            CameraError::Denied => "scan-denied",
            CameraError::NotFound => "scan-no_camera",
            CameraError::Busy => "scan-busy",
            CameraError::Insecure => "scan-insecure",
            CameraError::Other => "scan-camera_failed",
        }
    }
}

/// Opens the rear camera (`facingMode: environment`, preferred not
/// required, so laptops use their only camera) and plays it in `video`.
pub async fn open_rear_camera(video: &HtmlVideoElement) -> Result<MediaStream, CameraError> {
    let window = web_sys::window().ok_or(CameraError::Other)?;
    if !window.is_secure_context() {
        return Err(CameraError::Insecure);
    }
    let devices = window
        .navigator()
        .media_devices()
        .map_err(|_| CameraError::NotFound)?;
    if devices.is_undefined() {
        return Err(CameraError::NotFound);
    }
    let constraints: MediaStreamConstraints = JSON::parse(
        r#"{"audio":false,"video":{"facingMode":{"ideal":"environment"},"width":{"ideal":1280},"height":{"ideal":720}}}"#,
    )
    .map_err(|_| CameraError::Other)?
    .unchecked_into();
    let promise = devices
        .get_user_media_with_constraints(&constraints)
        .map_err(|e| CameraError::from_js(&e))?;
    let stream: MediaStream = JsFuture::from(promise)
        .await
        .map_err(|e| CameraError::from_js(&e))?
        .unchecked_into();
    // iOS only plays inline and unmuted autoplay is blocked everywhere: set the
    // properties too, the attributes alone are not always honoured.
    video.set_muted(true);
    video.set_src_object(Some(&stream));
    if let Ok(playing) = video.play() {
        // A rejected play() (e.g. interrupted by leaving) is not an error here.
        wasm_bindgen_futures::spawn_local(async move {
            let _ = JsFuture::from(playing).await;
        });
    }
    Ok(stream)
}

/// Stops every track (the camera light goes off) and detaches the video.
pub fn stop(stream: &MediaStream, video: Option<&HtmlVideoElement>) {
    for track in stream.get_tracks().iter() {
        let _ = call(&track, "stop", &[]);
    }
    if let Some(v) = video {
        v.set_src_object(None);
    }
}

fn video_track(stream: &MediaStream) -> Option<JsValue> {
    let track = stream.get_video_tracks().get(0);
    (!track.is_undefined()).then_some(track)
}

/// Whether the camera has a torch the page may switch
/// (`track.getCapabilities().torch`, Chrome on Android).
pub fn has_torch(stream: &MediaStream) -> bool {
    video_track(stream)
        .and_then(|t| call(&t, "getCapabilities", &[]).ok())
        .and_then(|caps| Reflect::get(&caps, &JsValue::from_str("torch")).ok())
        .is_some_and(|torch| torch.is_truthy())
}

/// Switches the torch; false when the camera refused.
pub async fn set_torch(stream: &MediaStream, on: bool) -> bool {
    let Some(track) = video_track(stream) else {
        return false;
    };
    let torch = js_sys::Object::new();
    let _ = Reflect::set(&torch, &JsValue::from_str("torch"), &JsValue::from_bool(on));
    let constraints = js_sys::Object::new();
    let _ = Reflect::set(
        &constraints,
        &JsValue::from_str("advanced"),
        &Array::of1(&torch),
    );
    match call(&track, "applyConstraints", &[constraints.into()]) {
        Ok(p) => JsFuture::from(js_sys::Promise::resolve(&p)).await.is_ok(),
        Err(_) => false,
    }
}
