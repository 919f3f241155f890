#!/usr/bin/env bash
# Runs the write benchmark (W1, W3) end to end against a fresh cdr-server on this machine:
# build if needed, start the server on free ports with a fresh data directory, generate (or reuse)
# the corpus, run `write`, stop the server, print where results.md is.
#
# Usage: benchmark/run.sh [--scale S|R|M] [--smoke] [--seed N] [--ehrs N --per-ehr K]
#                         [--duration SECONDS] [--concurrency 1,2,4] [--update-count N]
# The same settings can be given as environment variables: SCALE, SEED, EHRS, PER_EHR, DURATION,
# CONCURRENCY, WARMUP, UPDATE_COUNT; SERVER_JVM_FLAGS (default empty) are passed to the server JVM;
# BUILD=1 forces a build; KEEP_DATA=1 keeps the server's data directory.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCALE="${SCALE:-S}"
SEED="${SEED:-42}"
DURATION="${DURATION:-60}"
CONCURRENCY="${CONCURRENCY:-1,2,4,8,16}"
WARMUP="${WARMUP:-10}"
UPDATE_COUNT="${UPDATE_COUNT:-200}"
SERVER_JVM_FLAGS="${SERVER_JVM_FLAGS:-}"
HEALTH_TIMEOUT_SECONDS=300

while [[ $# -gt 0 ]]; do
  case "$1" in
    --scale) SCALE="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --ehrs) EHRS="$2"; shift 2 ;;
    --per-ehr) PER_EHR="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --update-count) UPDATE_COUNT="$2"; shift 2 ;;
    --smoke) SCALE=smoke; DURATION=5; WARMUP=2; CONCURRENCY=1,4; UPDATE_COUNT=20; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

case "$SCALE" in
  smoke) EHRS="${EHRS:-50}"; PER_EHR="${PER_EHR:-20}" ;;
  S) EHRS="${EHRS:-1000}"; PER_EHR="${PER_EHR:-20}" ;;
  R) EHRS="${EHRS:-2000}"; PER_EHR="${PER_EHR:-50}" ;;
  M) EHRS="${EHRS:-10000}"; PER_EHR="${PER_EHR:-100}" ;;
  *) echo "unknown scale $SCALE (S, R, M or smoke)" >&2; exit 2 ;;
esac
(( WARMUP > DURATION )) && WARMUP="$DURATION"

SERVER_JAR="$ROOT/cdr-server/target/cdr-server.jar"
BENCH_JAR="$ROOT/benchmark/target/cdr-benchmark.jar"
if [[ "${BUILD:-0}" == 1 || ! -f "$SERVER_JAR" || ! -f "$BENCH_JAR" ]]; then
  echo "building (mvn -B -q -DskipTests package)"
  (cd "$ROOT" && mvn -B -q -DskipTests package)
fi

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
HTTP_PORT="$(free_port)"
DB_PORT="$(free_port)"
while [[ "$DB_PORT" == "$HTTP_PORT" ]]; do DB_PORT="$(free_port)"; done

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$ROOT/benchmark/target/results/$STAMP-$SCALE"
CORPUS="$ROOT/benchmark/target/corpus/${EHRS}x${PER_EHR}-seed$SEED"
DATA_DIR="$(mktemp -d -t cdr-bench-data.XXXXXX)"
mkdir -p "$OUT"

SERVER_PID=""
stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "stopping server (pid $SERVER_PID)"
    kill "$SERVER_PID"
    for _ in $(seq 1 60); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "server did not stop in 30 s; killing it" >&2
      kill -9 "$SERVER_PID" || true
    fi
  fi
  SERVER_PID=""
  if [[ -d "$DATA_DIR" && "${KEEP_DATA:-0}" != 1 ]]; then rm -rf "$DATA_DIR"; fi
}
trap stop_server EXIT

if [[ ! -f "$CORPUS/manifest.json" ]]; then
  echo "generating corpus $CORPUS"
  java -jar "$BENCH_JAR" generate --seed "$SEED" --ehrs "$EHRS" --per-ehr "$PER_EHR" --out "$CORPUS"
else
  echo "reusing corpus $CORPUS"
fi

echo "starting server on 127.0.0.1:$HTTP_PORT (embedded PostgreSQL on $DB_PORT, data in $DATA_DIR)"
START_NS="$(date +%s%N)"
# shellcheck disable=SC2086 # SERVER_JVM_FLAGS is a list of flags
CDR_PORT="$HTTP_PORT" CDR_DATA_DIR="$DATA_DIR" CDR_EMBEDDED_DB_PORT="$DB_PORT" \
  java $SERVER_JVM_FLAGS -jar "$SERVER_JAR" >"$OUT/server.log" 2>&1 &
SERVER_PID=$!

HEALTH_URL="http://127.0.0.1:$HTTP_PORT/health"
deadline=$(( $(date +%s) + HEALTH_TIMEOUT_SECONDS ))
until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$HEALTH_URL" || true)" == 200 ]]; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "server exited; see $OUT/server.log" >&2
    tail -20 "$OUT/server.log" >&2
    exit 1
  fi
  if (( $(date +%s) > deadline )); then
    echo "no 200 from $HEALTH_URL within $HEALTH_TIMEOUT_SECONDS s; see $OUT/server.log" >&2
    exit 1
  fi
  sleep 0.2
done
START_MS=$(( ($(date +%s%N) - START_NS) / 1000000 ))
echo "server healthy after $START_MS ms"

java -jar "$BENCH_JAR" write \
  --base-url "http://127.0.0.1:$HTTP_PORT/openehr/v1" \
  --corpus "$CORPUS" \
  --out "$OUT" \
  --duration-seconds "$DURATION" \
  --warmup-seconds "$WARMUP" \
  --concurrency "$CONCURRENCY" \
  --update-count "$UPDATE_COUNT" \
  --jdbc-url "jdbc:postgresql://127.0.0.1:$DB_PORT/postgres" \
  --db-user postgres --db-password postgres \
  --server-pid "$SERVER_PID" \
  --server-start-ms "$START_MS" \
  --server-jvm-flags "$SERVER_JVM_FLAGS"

stop_server
[[ "${KEEP_DATA:-0}" == 1 ]] && echo "server data kept in $DATA_DIR"
echo
cat "$OUT/results.md"
echo
echo "results: $OUT/results.md (and results.json, server.log)"
