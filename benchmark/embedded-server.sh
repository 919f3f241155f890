# Sourced by the benchmark scripts: a cdr-server on free loopback ports with a fresh data directory
# (embedded PostgreSQL), stopped and its data removed when the script exits.
#   start_server OUT_DIR [extra environment assignments...]   sets HTTP_PORT, DB_PORT, DATA_DIR, SERVER_PID
# Needs SERVER_JAR; SERVER_JVM_FLAGS (optional) are passed to the JVM.

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

SERVER_PID=""
stop_embedded_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  [[ -n "${DATA_DIR:-}" ]] && rm -rf "$DATA_DIR"
}

start_server() {
  local out="$1"
  shift
  HTTP_PORT="$(free_port)"
  DB_PORT="$(free_port)"
  while [[ "$DB_PORT" == "$HTTP_PORT" ]]; do DB_PORT="$(free_port)"; done
  DATA_DIR="$(mktemp -d -t cdr-bench-data.XXXXXX)"
  trap stop_embedded_server EXIT
  # shellcheck disable=SC2086 # SERVER_JVM_FLAGS is a list of flags
  env CDR_PORT="$HTTP_PORT" CDR_DATA_DIR="$DATA_DIR" CDR_EMBEDDED_DB_PORT="$DB_PORT" "$@" \
    java ${SERVER_JVM_FLAGS:-} -jar "$SERVER_JAR" >"$out/server.log" 2>&1 &
  SERVER_PID=$!
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/health" || true)" == 200 ]]; do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$out/server.log" >&2; exit 1; }
    sleep 0.2
  done
}
