//! QR decoder (work in progress)
