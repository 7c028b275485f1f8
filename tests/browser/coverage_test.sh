#!/usr/bin/env bash
# Browser test of the coverage overlay: `straja coverage moldova --country Moldova` (one layer, one
# RCS: a second or so) into WORK_DIR/coverage, then `straja demo --coverage` on that directory on a
# free loopback port, and check_coverage.mjs selects layers in Chromium. The screenshot and the
# server's log stay in WORK_DIR. Needs what picture_test.sh needs, and world-atlas in tools/borders
# (scripts/setup).
#   coverage_test.sh STRAJA_BINARY WORK_DIR
set -euo pipefail
straja=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$here/server_url.sh"
root=$(cd "$here/../.." && pwd)
web_root=$root/build/web
[[ -d $here/node_modules/playwright-core ]] ||
  { echo "coverage_test: $here/node_modules incomplete: run scripts/setup" >&2; exit 1; }
[[ -f $web_root/index.html ]] ||
  { echo "coverage_test: $web_root/index.html missing: run scripts/build-web (part of make build)" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work"

"$straja" coverage moldova --country Moldova --layers 300 --rcs 1 --out "$work/coverage" \
  >"$work/coverage.log" 2>&1 || { echo "coverage_test: straja coverage failed:" >&2; cat "$work/coverage.log" >&2; exit 1; }

port=$(free_loopback_port)
"$straja" demo --scenario moldova --port "$port" --speed 20 --web-root "$web_root" \
  --coverage "$work/coverage" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT

url=$(wait_for_server_url coverage_test "$work/server.log" $server)
echo "coverage_test: server at $url"
node "$here/check_coverage.mjs" "$url" "$work/coverage.png"
