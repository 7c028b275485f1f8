#!/usr/bin/env bash
# Browser test of the live air picture: starts a picture server on a free loopback port, waits for
# the URL it prints, and checks the page in Chromium (check_picture.mjs); the screenshot and the
# server's log stay in WORK_DIR. Needs node, /usr/bin/chromium, tests/browser/node_modules and the
# built front end in build/web (scripts/setup and `make build` provide all of them).
#
# The server is `straja demo` (the moldova scenario at 20x, no --duration: when the scenario ends
# the picture stays up until the test stops it, so a slow machine cannot outlast the server) when
# the binary serves the built front end (its demo takes --web-root); otherwise the synthetic server mock_picture_server.mjs, which
# speaks the same protocol, runs as a replay so that the replay controls are exercised too.
#   picture_test.sh STRAJA_BINARY WORK_DIR
set -euo pipefail
straja=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
web_root=$root/build/web
[[ -d $here/node_modules/playwright-core && -d $here/node_modules/ws ]] ||
  { echo "picture_test: $here/node_modules incomplete: run scripts/setup" >&2; exit 1; }
[[ -f $web_root/index.html ]] ||
  { echo "picture_test: $web_root/index.html missing: run scripts/build-web (part of make build)" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work"

if "$straja" demo --help 2>/dev/null | grep -q -- '--web-root'; then
  port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
  "$straja" demo --scenario moldova --port "$port" --speed 20 --web-root "$web_root" \
    >"$work/server.log" 2>&1 &
else
  node "$here/mock_picture_server.mjs" --port 0 --root "$web_root" --tracks 80 --source replay \
    >"$work/server.log" 2>&1 &
fi
server=$!
trap 'kill $server 2>/dev/null || true' EXIT

url=""
for _ in $(seq 1 300); do
  url=$(grep -o -m1 'http://127\.0\.0\.1:[0-9]*/' "$work/server.log" || true)
  [[ -n $url ]] && break
  kill -0 $server 2>/dev/null || { echo "picture_test: the server exited:" >&2; cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
[[ -n $url ]] || { echo "picture_test: the server printed no URL" >&2; exit 1; }
echo "picture_test: server at $url"
node "$here/check_picture.mjs" "$url" "$work/picture.png"
