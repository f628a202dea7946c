//! Frames for the wasm decoder: the centre of the camera picture (what the
//! viewfinder frames), downscaled so that drawing and reading it back stays a
//! few milliseconds of main-thread time; or a whole photo, downscaled.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, ImageBitmap, ImageData,
};

/// The crop is this fraction of the camera picture's shorter side, matching
/// the viewfinder's frame (style/main.css: `.finder-frame`).
const CROP: f64 = 0.75;
/// Camera crops are scaled down to at most this many pixels square: enough
/// for a poster's QR code held in the frame, cheap to copy and decode.
const CAMERA_SIDE: f64 = 480.0;
/// Photos are scaled down to at most this many pixels on their longer side.
const PHOTO_SIDE: f64 = 1280.0;

pub struct FrameGrabber {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
}

impl FrameGrabber {
    pub fn new() -> Option<FrameGrabber> {
        let canvas: HtmlCanvasElement = web_sys::window()?
            .document()?
            .create_element("canvas")
            .ok()?
            .unchecked_into();
        // Frequent getImageData: ask for a CPU-backed canvas.
        let options = js_sys::JSON::parse(r#"{"willReadFrequently":true}"#).ok()?;
        let ctx = canvas
            .get_context_with_context_options("2d", &options)
            .ok()??
            .unchecked_into();
        Some(FrameGrabber { canvas, ctx })
    }

    /// RGBA pixels of `source`: the downscaled centre crop of a playing
    /// `<video>`, or a whole downscaled `ImageBitmap`. `None` before the
    /// video's first frame.
    pub fn grab(&self, source: &JsValue) -> Option<ImageData> {
        if let Some(video) = source.dyn_ref::<HtmlVideoElement>() {
            let (w, h) = (video.video_width() as f64, video.video_height() as f64);
            if w < 1.0 || h < 1.0 {
                return None;
            }
            let crop = (w.min(h) * CROP).floor();
            let side = crop.min(CAMERA_SIDE);
            self.resize(side, side);
            self.ctx
                .draw_image_with_html_video_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                    video,
                    ((w - crop) / 2.0).floor(),
                    ((h - crop) / 2.0).floor(),
                    crop,
                    crop,
                    0.0,
                    0.0,
                    side,
                    side,
                )
                .ok()?;
            self.ctx.get_image_data(0.0, 0.0, side, side).ok()
        } else {
            let bitmap = source.dyn_ref::<ImageBitmap>()?;
            let (w, h) = (bitmap.width() as f64, bitmap.height() as f64);
            let scale = (PHOTO_SIDE / w.max(h)).min(1.0);
            let (dw, dh) = ((w * scale).round().max(1.0), (h * scale).round().max(1.0));
            self.resize(dw, dh);
            self.ctx
                .draw_image_with_image_bitmap_and_dw_and_dh(bitmap, 0.0, 0.0, dw, dh)
                .ok()?;
            self.ctx.get_image_data(0.0, 0.0, dw, dh).ok()
        }
    }

    fn resize(&self, w: f64, h: f64) {
        // Setting a canvas's size clears it and resets its context; only when it changes.
        if self.canvas.width() != w as u32 || self.canvas.height() != h as u32 {
            self.canvas.set_width(w as u32);
            self.canvas.set_height(h as u32);
        }
    }
}
