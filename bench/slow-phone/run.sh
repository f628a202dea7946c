#!/usr/bin/env bash
# The slow-phone profile: cold open → check-in button usable, and scan
# decoded → saved, in Chromium with the CPU throttled 4× and slow-4G network
# emulation (CDP), next to an unthrottled baseline in the same run. Prints
# figures and ratios; asserts only that each check-in was stored.
#
#   bench/slow-phone/run.sh               # SLOW_PHONE_OPENS=5 SLOW_PHONE_SCANS=20
#
# Needs the built server and dist (BAODAO_SERVER_BIN / BAODAO_DIST as for
# tests/e2e) and scripts/setup's e2e packages.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../../tests/e2e"
npx playwright test --config "$here/playwright.config.ts" "$@"
