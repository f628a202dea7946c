#!/usr/bin/env bash
# Checks docs/deploy.md against the real thing, on loopback only: the server
# behind Debian's nginx (deploy/nginx.conf) and Caddy (deploy/Caddyfile) with
# a self-signed certificate, then the backup and restore drill for SQLite
# (sqlite3 .backup while phones sync) and PostgreSQL (pg_dump/pg_restore).
#
#   docs/deploy/check-proxies.sh        # needs: apt-get install nginx-light caddy sqlite3 postgresql
#                                       # (scripts/setup installs them; scripts/test runs this)
#
# Prints one line per check; exits non-zero on the first that fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
cargo build -p baodao-server --quiet
server_bin=${CARGO_TARGET_DIR:-$root/target}/debug/baodao-server
work=$(mktemp -d /tmp/baodao-deploy.XXXXXX)
pids=()
pg_dir=
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  [[ -n $pg_dir ]] && scripts/postgres stop "$pg_dir"
  rm -rf "$work"
}
trap cleanup EXIT
ok() { printf 'ok   %s\n' "$*"; }
fail() { printf 'FAIL %s\n' "$*" >&2; exit 1; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
host=checkin.example.cn

# A server on $1 (data dir or postgres:// URL), public URL https://$host:$2.
start_server() { # database public-port -> sets server_port, organiser, code
  server_port=$(free_port)
  local out=$work/server-$server_port.out
  local env=(BAODAO_PUBLIC_URL="https://$host:$2" BAODAO_TRUST_FORWARDED_FOR=1 RUST_LOG=warn)
  if [[ $1 == postgres://* ]]; then env+=(DATABASE_URL="$1"); else env+=(BAODAO_DATA_DIR="$1"); fi
  env "${env[@]}" "$server_bin" --listen "127.0.0.1:$server_port" --dist "$work/dist" --seed-demo >"$out" 2>&1 &
  pids+=($!)
  for _ in $(seq 600); do grep -q "Short code:" "$out" 2>/dev/null && break; sleep 0.1; done
  organiser=$(grep -m1 "Organiser:" "$out" | sed 's|.*#token=||' || true)
  code=$(grep -m1 "Venue check-in:" "$out" | sed 's|.*/c#||' || true)
  [[ -n $organiser && -n $code ]] || { cat "$out" >&2; fail "server did not start"; }
}

sync_body() { # n records at venue 1
  python3 - "$code" "$1" <<'EOF'
import json, sys, time, uuid
code, n = sys.argv[1], int(sys.argv[2])
now = int(time.time() * 1000)
print(json.dumps({"device_time_ms": now, "items": [
    {"id": str(uuid.uuid4()), "event": 1, "venue": 1, "kind": "in", "code": code,
     "device_time_ms": now, "volunteer": {"name": f"部署{i}", "mobile": "13800138000",
     "organisation": "第一中学"}} for i in range(n)]}))
EOF
}

# A built widget in miniature, precompressed by the build's own script: a
# page, the console's page and a hashed script, each large enough to be
# worth compressing.
asset=baodao-0123456789abcdef.js
make_dist() {
  mkdir -p "$work/dist/console"
  local filler; filler=$(for i in $(seq 200); do printf '<p>第%s行 the widget page</p>' "$i"; done)
  printf '<!doctype html><title>widget</title>%s' "$filler" >"$work/dist/index.html"
  printf '<!doctype html><title>console</title>%s' "$filler" >"$work/dist/console/index.html"
  for i in $(seq 500); do printf 'export function f%s(x) { return x + %s; }\n' "$i" "$i"; done >"$work/dist/$asset"
  node scripts/precompress "$work/dist" >/dev/null
  [[ -f $work/dist/$asset.br && -f $work/dist/$asset.gz && -f $work/dist/index.html.br ]] || fail "precompress wrote no siblings"
}

# What the phone gets through the proxy: the precompressed file it asked
# for (decoding to the built file), the plain file when it asks for none,
# byte ranges, and the server's caching headers, untouched.
check_delivery() {
  local name=$1 port=$2
  local curl=(curl -sS -k --resolve "$host:$port:127.0.0.1" --max-time 10)
  local url=https://$host:$port
  local h
  for enc in br gzip; do
    h=$("${curl[@]}" -D - -o "$work/body.$enc" -H "Accept-Encoding: $enc" "$url/$asset")
    grep -qi "^content-encoding: $enc"$'\r'"\?$" <<<"$h" || fail "$name: $asset asked as $enc: $h"
    grep -qi '^vary: .*accept-encoding' <<<"$h" || fail "$name: no Vary: Accept-Encoding: $h"
    grep -qi '^cache-control: public, max-age=31536000, immutable' <<<"$h" || fail "$name: hashed file not immutable: $h"
  done
  node -e 'process.stdout.write(require("zlib").brotliDecompressSync(require("fs").readFileSync(process.argv[1])))' "$work/body.br" |
    cmp -s - "$work/dist/$asset" || fail "$name: the brotli body is not the built file"
  gzip -dc <"$work/body.gzip" | cmp -s - "$work/dist/$asset" || fail "$name: the gzip body is not the built file"
  h=$("${curl[@]}" -D - -o "$work/body.plain" -H 'Accept-Encoding:' "$url/$asset")
  ! grep -qi '^content-encoding:' <<<"$h" || fail "$name: an encoding for a client that asked for none: $h"
  cmp -s "$work/body.plain" "$work/dist/$asset" || fail "$name: the identity body is not the built file"
  h=$("${curl[@]}" -D - -o "$work/body.range" -H 'Accept-Encoding:' -H 'Range: bytes=7-20' "$url/$asset")
  grep -q '^HTTP/[0-9.]* 206' <<<"$h" || fail "$name: a range request was not 206: $h"
  cmp -s "$work/body.range" <(head -c 21 "$work/dist/$asset" | tail -c 14) || fail "$name: wrong bytes for the range"
  for page in / /c /console/ /lead/1; do
    h=$("${curl[@]}" -D - -o /dev/null -H 'Accept-Encoding: gzip, deflate, br' "$url$page")
    grep -qi '^content-encoding: br' <<<"$h" || fail "$name: page $page not brotli: $h"
    grep -qi '^cache-control: no-cache' <<<"$h" || fail "$name: page $page not no-cache: $h"
    grep -qi '^vary: .*accept-encoding' <<<"$h" || fail "$name: page $page without Vary: $h"
  done
  h=$("${curl[@]}" -D - -o /dev/null -H 'Accept-Encoding: br' "$url/api/events/1")
  grep -qi '^content-encoding: br' <<<"$h" || fail "$name: the event data not compressed: $h"
  [[ $("${curl[@]}" -o /dev/null -w '%{http_code}' "$url/favicon.ico") == 404 ]] || fail "$name: /favicon.ico is not 404"
  ok "$name: precompressed files by Accept-Encoding, identity, ranges, Vary and Cache-Control pass through"
}

# The checks every proxy must pass; $1 = name, $2 = https port.
check_proxy() {
  local name=$1 port=$2
  local curl=(curl -sS -k --resolve "$host:$port:127.0.0.1" --max-time 10)
  local url=https://$host:$port
  local headers; headers=$("${curl[@]}" -D - -o /dev/null "$url/")
  grep -qi '^content-security-policy: default-src .self.' <<<"$headers" || fail "$name: no CSP on the page: $headers"
  grep -qi '^x-content-type-options: nosniff' <<<"$headers" || fail "$name: no nosniff"
  ok "$name: page over HTTPS with the server's CSP and headers"
  local answer; answer=$("${curl[@]}" -H "Origin: $url" -H 'Content-Type: application/json' \
    --data "$(sync_body 3)" "$url/api/sync")
  [[ $(grep -o '"status":"accepted"' <<<"$answer" | wc -l) == 3 ]] || fail "$name: sync: $answer"
  ok "$name: a browser's sync (Origin = public URL) is stored"
  # The live dashboard's first event must come through at once, not when a
  # proxy buffer fills.
  local first; first=$("${curl[@]}" -N --max-time 4 -H "Authorization: Bearer $organiser" \
    "$url/api/events/1/live" 2>/dev/null | head -c 2000 || true)
  grep -q '^event: ' <<<"$first" || fail "$name: no live event within 4 s: $first"
  ok "$name: the live dashboard's events stream through"
  # Redeem limit: 10 per minute per client address. A client that sends its
  # own X-Forwarded-For still counts as itself.
  local codes=()
  for i in $(seq 11); do
    codes+=("$("${curl[@]}" -o /dev/null -w '%{http_code}' -H "X-Forwarded-For: 192.0.2.$i" \
      -H 'Content-Type: application/json' --data '{"link":"bi_nothing","name":"x"}' "$url/api/auth/redeem")")
  done
  [[ ${codes[10]} == 429 ]] || fail "$name: the 11th redeem with a forged X-Forwarded-For was ${codes[10]}, not 429 (${codes[*]})"
  ok "$name: rate limits key on the proxy's client address, not the client's header"
  check_delivery "$name" "$port"
}

make_dist
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=$host" \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

# nginx with deploy/nginx.conf: only listen addresses, name and certificate
# paths changed.
nginx_port=$(free_port)
start_server "$work/nginx-data" "$nginx_port"
sed -e "s|listen 80;|listen 127.0.0.1:$(free_port);|; /listen \[::\]/d" \
  -e "s|listen 443 ssl http2;|listen 127.0.0.1:$nginx_port ssl http2;|" \
  -e "s|/etc/letsencrypt/live/checkin.example.cn/fullchain.pem|$work/cert.pem|" \
  -e "s|/etc/letsencrypt/live/checkin.example.cn/privkey.pem|$work/key.pem|" \
  -e "s|127.0.0.1:8080|127.0.0.1:$server_port|" docs/deploy/nginx.conf >"$work/site.conf"
cat >"$work/nginx-main.conf" <<EOF
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events {}
http {
  access_log off;
  client_body_temp_path $work/nginx-body;
  proxy_temp_path $work/nginx-proxy;
  include $work/site.conf;
}
EOF
nginx -c "$work/nginx-main.conf" -p "$work" &
pids+=($!)
sleep 1
check_proxy nginx "$nginx_port"

# Caddy with deploy/Caddyfile: its own internal CA instead of Let's Encrypt.
caddy_port=$(free_port)
start_server "$work/caddy-data" "$caddy_port"
{
  printf '{\n\tadmin off\n\thttp_port %s\n\thttps_port %s\n\tlocal_certs\n\tskip_install_trust\n}\n' "$(free_port)" "$caddy_port"
  sed -e "s|127.0.0.1:8080|127.0.0.1:$server_port|" docs/deploy/Caddyfile
} >"$work/Caddyfile"
XDG_DATA_HOME=$work/caddy XDG_CONFIG_HOME=$work/caddy caddy run --config "$work/Caddyfile" --adapter caddyfile >"$work/caddy.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -sk --resolve "$host:$caddy_port:127.0.0.1" -o /dev/null "https://$host:$caddy_port/" && break; sleep 0.1; done
check_proxy Caddy "$caddy_port"

# Backup and restore drill: back up while batches are being stored, restore,
# start a server on the copy, and compare what it serves with the backup.
records() { # server port, organiser token -> stored check-ins (the organiser's export)
  curl -sS -H "Authorization: Bearer $2" "http://127.0.0.1:$1/api/events/1/export.csv" | tail -n +2 | sort
}
drill() { # name, live database, backup command, restored database
  local name=$1
  start_server "$2" "$(free_port)"
  local live=$server_port live_token=$organiser
  curl -sS -o /dev/null -H 'Content-Type: application/json' --data "$(sync_body 50)" "http://127.0.0.1:$live/api/sync"
  local syncs=()
  for _ in $(seq 20); do
    curl -sS -o /dev/null -H 'Content-Type: application/json' --data "$(sync_body 50)" "http://127.0.0.1:$live/api/sync" &
    syncs+=($!)
  done
  sleep 0.2
  eval "$3"
  wait "${syncs[@]}"
  start_server "$4" "$(free_port)"
  local restored=$server_port
  local n; n=$(records "$restored" "$organiser" | wc -l)
  [[ $n -gt 0 ]] || fail "$name: the restored copy has no check-ins"
  # Every restored record is one the live server has, identical; the live
  # one has more only if batches finished after the backup.
  [[ -z $(comm -13 <(records "$live" "$live_token") <(records "$restored" "$organiser")) ]] ||
    fail "$name: restored records differ"
  ok "$name: backup under load restored: $n of $(records "$live" "$live_token" | wc -l) records, all identical"
}
drill SQLite "$work/drill-live" \
  "sqlite3 '$work/drill-live/baodao.db' \".backup '$work/backup.db'\" && mkdir -p '$work/drill-restored' && cp '$work/backup.db' '$work/drill-restored/baodao.db' && [[ \$(sqlite3 '$work/backup.db' 'PRAGMA integrity_check') == ok ]]" \
  "$work/drill-restored"

eval "$(scripts/postgres start)"
pg_dir=$BAODAO_PG_DIR
psql -q "$BAODAO_TEST_POSTGRES_URL" -c "CREATE DATABASE drill_live" -c "CREATE DATABASE drill_restored"
base_url=${BAODAO_TEST_POSTGRES_URL%/*}
drill PostgreSQL "$base_url/drill_live" \
  "pg_dump --format=custom --file='$work/backup.dump' '$base_url/drill_live' && pg_restore --no-owner --dbname='$base_url/drill_restored' '$work/backup.dump'" \
  "$base_url/drill_restored"
echo "all deployment checks passed"
