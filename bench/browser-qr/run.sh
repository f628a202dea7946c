#!/bin/sh
# In-browser QR benchmark: decodes every corpus image in headless Chromium with
# the scan screen's wasm decoder (scanner-wasm, from a trunk build) and with
# its peers, zxing-wasm (zxing-cpp's reader build: tryHarder, tryRotate,
# tryInvert, tryDownscale), ZXing-js (@zxing/library on luminance,
# TRY_HARDER) and jsQR, in the same page on the same pixels. Prints, per
# folder and decoder, reads of known texts, wrong texts, mean and p95 ms and
# each peer's time ratio to Baodao. Not part of the e2e suite.
#
#   bench/browser-qr/run.sh [DIR...]      (default: /work/shared/qr-corpus/*)
#
# DIST: a `trunk build --release` output with scanner-wasm.js (default: dist).
# CHROMIUM_PATH: the browser (default: /usr/bin/chromium).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ -d "$here/node_modules/zxing-wasm" ] && [ -d "$here/node_modules/@zxing/library" ] || (cd "$here" && npm ci --no-audit --no-fund)
[ $# -gt 0 ] || set -- /work/shared/qr-corpus/zxing /work/shared/qr-corpus/jsqr
DIST=${DIST:-$root/dist} exec node "$here/bench.mjs" "$@"
