### English: the scan screen (scanner-ui/, loaded on demand with it).
scan-starting = Opening the camera…
scan-hint = Hold the venue's QR code inside the frame
scan-denied = Camera access was denied, so the QR code cannot be scanned.
scan-denied_how = Tap the camera or lock icon next to the address bar, allow the camera, then tap "Try again"; or allow camera access for this browser in your phone's Settings. You can also take a photo or type the venue's short code below.
scan-denied_wechat = In WeChat: tap "…" at the top right → "Open in Browser" and scan there; or allow WeChat to use the camera in your phone's Settings → WeChat. You can also take a photo or type the venue's short code below.
scan-no_camera = No camera was found. Take a photo of the code or type the venue's short code instead.
scan-busy = The camera is being used by another app. Close other apps using the camera, then tap "Try again".
scan-insecure = The camera only works over a secure (HTTPS) connection. Open this page at an https:// address, or take a photo of the code.
scan-camera_failed = The camera could not be opened. Tap "Try again", or take a photo of the code.
scan-retry = Try again
scan-torch = Torch
scan-sound_on = Sound: on
scan-sound_off = Sound: off
scan-photo = Take a photo of the QR code
scan-photo_reading = Reading the photo…
scan-photo_none = No QR code found in the photo. Move closer, centre the code and try again.
scan-type_code = Cannot scan? Type the venue's short code
