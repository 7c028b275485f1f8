# Sourced by the browser tests that start a picture server (picture_test.sh, coverage_test.sh).

# A free TCP port on 127.0.0.1 (bound, read and released).
free_loopback_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}

# wait_for_server_url TEST LOG PID: prints the first http://127.0.0.1:PORT/ the server with PID
# writes to LOG, within 30 s; fails (naming TEST, with the log) when it exits first or prints none.
wait_for_server_url() {
  local test=$1 log=$2 pid=$3 url=""
  for _ in $(seq 1 300); do
    url=$(grep -o -m1 'http://127\.0\.0\.1:[0-9]*/' "$log" || true)
    [[ -n $url ]] && break
    kill -0 "$pid" 2>/dev/null || { echo "$test: the server exited:" >&2; cat "$log" >&2; return 1; }
    sleep 0.1
  done
  [[ -n $url ]] || { echo "$test: the server printed no URL" >&2; return 1; }
  echo "$url"
}
