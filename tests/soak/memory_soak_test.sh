#!/usr/bin/env bash
# Memory soak (ctest label `slow`): three simulated hours of traffic that keeps coming and going
# (bench/soak/make_scenario.py: a new target every 15 s on average, ~200 live tracks) through
# `straja demo --memory-log`; fails when the resident memory grew by more than 2 MiB between the
# middle and the end of the run. A bound on memory, not on time. The full-day figures are in
# bench/RESULTS.md (bench/soak/run).
#   memory_soak_test.sh STRAJA_BINARY WORK_DIR
set -euo pipefail
straja=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
soak=$here/../../bench/soak
rm -rf "$work" && mkdir -p "$work"
python3 "$soak/make_scenario.py" --duration 10800 --interval 15 >"$work/soak.yaml"
"$straja" demo --scenario "$work/soak.yaml" --speed max --no-serve \
  --memory-log "$work/memory.csv" >"$work/demo.log" 2>&1
python3 "$soak/report.py" --svg "$work/memory.svg" --check-growth-kib 2048 soak="$work/memory.csv"
