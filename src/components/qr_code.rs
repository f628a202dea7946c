//! A QR code drawn in the page from its text, for posters and display
//! screens: the image is never fetched, so it needs no connection and no
//! session on an `<img>` request.

/// `text` as inline SVG: one path of unit squares with the quiet zone,
/// scaled by the page (crisp at any size, in print too).
pub fn qr_svg(text: &str) -> Option<String> {
    use qrcode::{Color, EcLevel, QrCode};
    // M: posters get scuffed and photographed at an angle; our short URLs
    // stay at a low version (big modules).
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let quiet = 4;
    let size = width + 2 * quiet;
    let mut path = String::new();
    for (i, c) in code.to_colors().iter().enumerate() {
        if *c == Color::Dark {
            let (x, y) = (i % width + quiet, i / width + quiet);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    Some(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges" width="100%" height="100%"><rect width="{size}" height="{size}" fill="#fff"/><path d="{path}" fill="#000"/></svg>"##
    ))
}
