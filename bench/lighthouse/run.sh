#!/usr/bin/env bash
# Lighthouse 12.2.3 (npm, pinned; 13.x wants Node 22) with its mobile
# defaults (a Moto G Power's screen, 4× CPU slowdown and slow 4G, simulated)
# against the real server: the volunteer's check-in URL (a cold first open,
# so the personal-information notice) and the venue lead's page. Prints the
# performance score, FCP, LCP, TBT, TTI and total bytes of each run and the
# median; asserts nothing (the issue's goal: performance ≥ 0.95 and
# LCP ≤ 2.5 s on the check-in URL).
#
#   bench/lighthouse/run.sh [RUNS]        # default 3 runs per page
#
# Environment: BAODAO_SERVER_BIN (default: target/server/baodao-server if
# built, else target/debug/baodao-server), BAODAO_DIST (default dist/, built
# by scripts/build-web dist), CHROME_PATH (default /usr/bin/chromium).
# The JSON reports stay in bench/lighthouse/results/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${1:-3}
target=${CARGO_TARGET_DIR:-$root/target}
server_bin=${BAODAO_SERVER_BIN:-}
if [[ -z $server_bin ]]; then
  server_bin=$target/debug/baodao-server
  [[ -x $target/server/baodao-server ]] && server_bin=$target/server/baodao-server
fi
dist=${BAODAO_DIST:-$root/dist}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
[[ -x $server_bin ]] || { echo "no server at $server_bin: cargo build -p baodao-server" >&2; exit 1; }
[[ -f $dist/index.html ]] || { echo "no widget in $dist: scripts/build-web dist" >&2; exit 1; }

cd "$here"
if [[ ! -d node_modules/lighthouse ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --silent
fi

work=$(mktemp -d /tmp/baodao-lighthouse.XXXXXX)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
RUST_LOG=warn "$server_bin" --listen "127.0.0.1:$port" --data-dir "$work/data" --dist "$dist" --seed-demo \
  >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
for _ in $(seq 300); do
  grep -q "Venue lead:" "$work/server.out" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.err" >&2; exit 1; }
  sleep 0.1
done
checkin_url=$(grep -m1 "Venue check-in:" "$work/server.out" | awk '{print $NF}')
lead_url=$(grep -m1 "Venue lead:" "$work/server.out" | awk '{print $NF}')

mkdir -p results
echo "lighthouse 12.2.3, mobile defaults; server $server_bin, dist $dist; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for page in checkin lead; do
  url=$checkin_url
  [[ $page == lead ]] && url=$lead_url
  for i in $(seq "$runs"); do
    npx lighthouse "$url" --quiet --only-categories=performance \
      --chrome-flags="--headless=new --no-sandbox" \
      --output=json --output-path="results/$page-$i.json"
  done
done
node summarize.mjs results "$runs"
echo "load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
