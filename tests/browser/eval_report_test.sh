#!/usr/bin/env bash
# Browser test of the evaluation report: simulates and tracks the built-in scenario for five
# minutes, scores it with `straja eval --report`, and checks the page in Chromium
# (check_report.mjs). Needs node, /usr/bin/chromium and playwright-core in tests/browser
# (scripts/setup installs all three).
#   eval_report_test.sh STRAJA_BINARY WORK_DIR
set -euo pipefail
straja=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
[[ -d $here/node_modules/playwright-core ]] ||
  { echo "eval_report_test: $here/node_modules/playwright-core missing: run scripts/setup" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work"
"$straja" demo --scenario first-light --speed max --no-serve --duration 300 --out "$work" >"$work/demo.log"
"$straja" eval --truth "$work/truth.csv" --tracks "$work/tracks.csv" --plots "$work/plots.csv" \
  --json "$work/summary.json" --report "$work/report.html"
node "$here/check_report.mjs" "$work/report.html" "$work/report.png"
