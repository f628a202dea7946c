//! Grayscale image plumbing shared by the decoding passes.
//!
//! Everything here works on plain `Vec<u8>` luma buffers with explicit sizes and
//! uses only checked or clamped indexing patterns, because in the widget a panic
//! aborts the whole wasm instance.

/// A row-major 8-bit grayscale image whose buffer length always equals
/// `width * height`.
#[derive(Clone, Debug)]
pub struct Luma {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
}

impl Luma {
    /// Returns `None` instead of failing later when the caller's dimensions do
    /// not describe the buffer, so the public API can simply report "no code".
    pub fn from_slice(width: u32, height: u32, luma: &[u8]) -> Option<Self> {
        let width = usize::try_from(width).ok()?;
        let height = usize::try_from(height).ok()?;
        let len = width.checked_mul(height)?;
        if width == 0 || height == 0 || luma.len() != len {
            return None;
        }
        Some(Self {
            width,
            height,
            pixels: luma.to_vec(),
        })
    }

    /// Uses the integer BT.601 weights the browser's own grayscale conversion
    /// approximates; alpha is ignored because canvas frames are opaque.
    pub fn from_rgba(width: u32, height: u32, rgba: &[u8]) -> Option<Self> {
        let w = usize::try_from(width).ok()?;
        let h = usize::try_from(height).ok()?;
        let len = w.checked_mul(h)?;
        if w == 0 || h == 0 || rgba.len() != len.checked_mul(4)? {
            return None;
        }
        let pixels = rgba
            .chunks_exact(4)
            .map(|p| ((77 * p[0] as u32 + 150 * p[1] as u32 + 29 * p[2] as u32) >> 8) as u8)
            .collect();
        Some(Self {
            width: w,
            height: h,
            pixels,
        })
    }

    pub fn min_side(&self) -> usize {
        self.width.min(self.height)
    }

    /// Box-filters `factor`×`factor` blocks: shrinking large photos both speeds
    /// up every later pass and averages away sensor noise and halftone dots.
    pub fn downscale(&self, factor: usize) -> Self {
        let factor = factor.max(1);
        let width = (self.width / factor).max(1);
        let height = (self.height / factor).max(1);
        let mut pixels = vec![0u8; width * height];
        for y in 0..height {
            for x in 0..width {
                let mut sum = 0u32;
                let mut count = 0u32;
                for sy in y * factor..((y + 1) * factor).min(self.height) {
                    let row = &self.pixels[sy * self.width..(sy + 1) * self.width];
                    for &v in &row[x * factor..((x + 1) * factor).min(self.width)] {
                        sum += v as u32;
                        count += 1;
                    }
                }
                pixels[y * width + x] = (sum / count.max(1)) as u8;
            }
        }
        Self {
            width,
            height,
            pixels,
        }
    }
}

/// Marks a pixel dark when it is darker than the mean of the surrounding
/// `(2 * radius + 1)²` window by more than `offset`. Unlike a block-wise
/// threshold this follows lighting gradients smoothly, and the window size
/// decides which module sizes survive.
pub fn local_mean_dark(img: &Luma, radius: usize, offset: u32) -> Vec<bool> {
    let (w, h) = (img.width, img.height);
    // Summed-area table with a zero border row and column.
    let stride = w + 1;
    let mut integral = vec![0u64; stride * (h + 1)];
    for y in 0..h {
        let mut row_sum = 0u64;
        for x in 0..w {
            row_sum += img.pixels[y * w + x] as u64;
            integral[(y + 1) * stride + x + 1] = integral[y * stride + x + 1] + row_sum;
        }
    }
    let mut dark = vec![false; w * h];
    for y in 0..h {
        let y0 = y.saturating_sub(radius);
        let y1 = (y + radius + 1).min(h);
        for x in 0..w {
            let x0 = x.saturating_sub(radius);
            let x1 = (x + radius + 1).min(w);
            let area = ((y1 - y0) * (x1 - x0)) as u64;
            let sum = integral[y1 * stride + x1] + integral[y0 * stride + x0]
                - integral[y0 * stride + x1]
                - integral[y1 * stride + x0];
            let v = img.pixels[y * w + x] as u64;
            dark[y * w + x] = (v + offset as u64) * area < sum;
        }
    }
    dark
}
