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
source "$here/server_url.sh"
root=$(cd "$here/../.." && pwd)
web_root=$root/build/web
[[ -d $here/node_modules/playwright-core && -d $here/node_modules/ws ]] ||
  { echo "picture_test: $here/node_modules incomplete: run scripts/setup" >&2; exit 1; }
[[ -f $web_root/index.html ]] ||
  { echo "picture_test: $web_root/index.html missing: run scripts/build-web (part of make build)" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work"

if "$straja" demo --help 2>/dev/null | grep -q -- '--web-root'; then
  port=$(free_loopback_port)
  "$straja" demo --scenario moldova --port "$port" --speed 20 --web-root "$web_root" \
    >"$work/server.log" 2>&1 &
else
  node "$here/mock_picture_server.mjs" --port 0 --root "$web_root" --tracks 80 --source replay \
    >"$work/server.log" 2>&1 &
fi
server=$!
trap 'kill $server 2>/dev/null || true' EXIT

url=$(wait_for_server_url picture_test "$work/server.log" $server)
echo "picture_test: server at $url"
node "$here/check_picture.mjs" "$url" "$work/picture.png"
