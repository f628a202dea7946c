#!/usr/bin/env bash
# Load test: the real server under a real HTTP load tool (wrk),
# roster reads and ingest at the same time, on SQLite and on PostgreSQL.
# Prints throughput and p50/p99 latency of each; asserts nothing.
#
#   bench/load/run.sh [SECONDS]          # default 20 s per backend
#
# Environment: LOAD_READ_CONNECTIONS (default 16) lead pages polling venue
# 1's roster every LOAD_READ_INTERVAL_MS (default 100; 0 = as fast as the
# server answers), LOAD_SYNC_CONNECTIONS (default 16) phones syncing batches of
# LOAD_BATCH (default 5) new check-ins into venue 2, LOAD_ROSTER_SIZE
# (default 300) check-ins stored at venue 1 before the run, LOAD_BACKENDS
# (default "sqlite postgres"). PostgreSQL: BAODAO_BENCH_POSTGRES_URL (a
# server URL whose user may create databases), else a throw-away server
# (scripts/postgres start durable: fsync on, like a real deployment).
# Everything listens on 127.0.0.1 only, and the run stops by itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
seconds=${1:-20}
read_conns=${LOAD_READ_CONNECTIONS:-16}
read_interval=${LOAD_READ_INTERVAL_MS:-100}
sync_conns=${LOAD_SYNC_CONNECTIONS:-16}
batch=${LOAD_BATCH:-5}
roster_size=${LOAD_ROSTER_SIZE:-300}
backends=${LOAD_BACKENDS:-sqlite postgres}

command -v wrk >/dev/null || { echo "wrk is missing: run scripts/setup" >&2; exit 1; }
cargo build --profile server -p baodao-server --quiet
target=${CARGO_TARGET_DIR:-$root/target}
server_bin=$target/server/baodao-server

work=$(mktemp -d /tmp/baodao-load.XXXXXX)
server_pid=
pg_dir=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [[ -n $pg_dir ]] && scripts/postgres stop "$pg_dir"
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The value after `marker` on the server's start lines.
start_line() { grep -m1 "$1" "$work/server.out" | sed "s|.*$2||"; }

# Starts the server on $1 (a --data-dir or a postgres:// URL), seeded with the
# demo event; sets base, lead_token, organiser_token.
start_server() {
  local port; port=$(free_port)
  base=http://127.0.0.1:$port
  local args=(--listen "127.0.0.1:$port" --seed-demo --dist "$work")
  if [[ $1 == postgres://* ]]; then
    DATABASE_URL=$1 BAODAO_TRUST_FORWARDED_FOR=1 RUST_LOG=warn "$server_bin" "${args[@]}" >"$work/server.out" 2>"$work/server.err" &
  else
    BAODAO_TRUST_FORWARDED_FOR=1 RUST_LOG=warn "$server_bin" --data-dir "$1" "${args[@]}" >"$work/server.out" 2>"$work/server.err" &
  fi
  server_pid=$!
  for _ in $(seq 300); do
    grep -q "Short code:" "$work/server.out" 2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.err" >&2; return 1; }
    sleep 0.1
  done
  organiser_token=$(start_line "Organiser:" "#token=")
  lead_token=$(start_line "Venue lead:" "#token=")
}

stop_server() {
  kill "$server_pid" && wait "$server_pid" 2>/dev/null || true
  server_pid=
}

# Venue 2's poster code, through the organiser's API; and venue 1's roster
# filled to $roster_size check-ins (what the readers read).
prepare() {
  python3 - "$base" "$organiser_token" "$roster_size" <<'EOF'
import json, sys, time, urllib.request, uuid
base, token, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
def call(method, path, body=None, auth=True):
    req = urllib.request.Request(base + path, method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **({"Authorization": "Bearer " + token} if auth else {})})
    with urllib.request.urlopen(req) as r:
        return json.load(r)
code = lambda v: call("GET", f"/api/venues/{v}/poster")["checkin_url"].split("#", 1)[1]
c1 = code(1)
for start in range(0, n, 200):
    now = int(time.time() * 1000)
    items = [{"id": str(uuid.uuid4()), "event": 1, "venue": 1, "kind": "in", "code": c1,
              "device_time_ms": now, "volunteer": {"name": f"名册{i}", "mobile": "13800138000",
              "organisation": "第一中学"}} for i in range(start, min(n, start + 200))]
    r = call("POST", "/api/sync", {"device_time_ms": now, "items": items}, auth=False)
    assert all(x["status"] == "accepted" for x in r["results"]), r
print(code(2))
EOF
}

stored_rows() {
  python3 - "$base" "$organiser_token" <<'EOF'
import json, sys, urllib.request
req = urllib.request.Request(sys.argv[1] + "/api/events/1/dashboard", headers={"Authorization": "Bearer " + sys.argv[2]})
with urllib.request.urlopen(req) as r:
    d = json.load(r)
print(sum(b["check_ins"] + b["check_outs"] for b in d["timeline"]["buckets"]))
EOF
}

run_backend() { # name, database
  start_server "$2"
  local code; code=$(prepare)
  local before; before=$(stored_rows)
  echo "== $1: ${seconds}s, $read_conns connections reading venue 1's roster ($roster_size check-ins) every ${read_interval} ms, $sync_conns connections syncing batches of $batch new check-ins into venue 2 at once"
  BAODAO_LEAD_TOKEN=$lead_token BAODAO_ROSTER_VENUE=1 BAODAO_READ_INTERVAL_MS=$read_interval \
    wrk -t1 -c"$read_conns" -d"${seconds}s" --timeout 10s -s bench/load/roster.lua "$base" >"$work/read.out" &
  local reader=$!
  BAODAO_VENUE_CODE=$code BAODAO_INGEST_VENUE=2 BAODAO_BATCH=$batch \
    wrk -t1 -c"$sync_conns" -d"${seconds}s" --timeout 10s -s bench/load/ingest.lua "$base" >"$work/sync.out"
  wait "$reader"
  grep -h "^roster reads:\|^ingest:" "$work/read.out" "$work/sync.out" | sed 's/^/  /'
  local after; after=$(stored_rows)
  echo "  check-ins stored during the run: $((after - before))"
  stop_server
}

echo "load test on $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for backend in $backends; do
  case $backend in
    sqlite)
      run_backend SQLite "$work/sqlite"
      ;;
    postgres)
      server_url=${BAODAO_BENCH_POSTGRES_URL:-}
      if [[ -z $server_url ]]; then
        eval "$(scripts/postgres start durable)"
        pg_dir=$BAODAO_PG_DIR
        server_url=$BAODAO_TEST_POSTGRES_URL
      fi
      db=baodao_load_$$
      psql -q "$server_url" -c "CREATE DATABASE $db"
      run_backend PostgreSQL "${server_url%/*}/$db"
      psql -q "$server_url" -c "DROP DATABASE $db WITH (FORCE)"
      ;;
    *) echo "unknown backend $backend" >&2; exit 2 ;;
  esac
done
