#!/bin/sh
# In-browser QR benchmark: decodes every corpus image in headless Chromium with
# the scan screen's wasm decoder (scanner-wasm, from a trunk build) and with
# jsQR, in the same page on the same pixels, and prints reads, mean times and
# the ratio. Not part of the e2e suite.
#
#   bench/browser-qr/run.sh [DIR...]      (default: /work/shared/qr-corpus/*)
#
# DIST: a `trunk build --release` output with scanner-wasm.js (default: dist).
# CHROMIUM_PATH: the browser (default: /usr/bin/chromium).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ -d "$here/node_modules/jsqr" ] || (cd "$here" && npm install --no-audit --no-fund)
[ $# -gt 0 ] || set -- /work/shared/qr-corpus/zxing /work/shared/qr-corpus/jsqr
DIST=${DIST:-$root/dist} exec node "$here/bench.mjs" "$@"
