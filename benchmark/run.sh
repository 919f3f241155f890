#!/usr/bin/env bash
# Runs the benchmark end to end against a fresh cdr-server on this machine: build if needed,
# generate (or reuse) the corpus, start the server on free ports with a fresh data directory and
# CDR_ADMIN_ENABLED=true, then the phases in order:
#   load   commit every corpus composition once (the state manifest.json describes); with --bulk
#          (BULK=true) through the bulk loader, POST /cdr/v1/load per template file (W2),
#   query  the query classes Q1-Q9, each answer checked against the manifest, one EXPLAIN each,
#   write  W1 commit and W3 update (these add duplicates, so they come last),
# stop the server, print results.md. All phases write into the same results.json / results.md.
#
# Usage: benchmark/run.sh [--scale S|R|M] [--smoke] [--bulk] [--seed N] [--ehrs N --per-ehr K]
#                         [--phases load,query,write] [--duration SECONDS] [--concurrency 1,2,4]
#                         [--update-count N] [--query-runs N] [--query-warmup N]
#        benchmark/run.sh --query-only BASE_URL [--scale ...]   # queries against a loaded server
# The same settings can be given as environment variables: SCALE, SEED, EHRS, PER_EHR, PHASES,
# DURATION, CONCURRENCY, WARMUP, UPDATE_COUNT, QUERY_RUNS, QUERY_WARMUP, QUERY_CONCURRENCY,
# LOAD_CONCURRENCY; SERVER_JVM_FLAGS (default empty) are passed to the server JVM; BUILD=1 forces a
# build; KEEP_DATA=1 keeps the server's data directory; VALUE_INDEXES=none skips declaring the AQL
# value indexes before the query phase (default: declare them; needed "none" for another server).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCALE="${SCALE:-S}"
SEED="${SEED:-42}"
DURATION="${DURATION:-60}"
CONCURRENCY="${CONCURRENCY:-1,2,4,8,16}"
WARMUP="${WARMUP:-10}"
UPDATE_COUNT="${UPDATE_COUNT:-200}"
PHASES="${PHASES:-load,query,write}"
BULK="${BULK:-false}"
QUERY_RUNS="${QUERY_RUNS:-50}"
VALUE_INDEXES="${VALUE_INDEXES:-declare}"
QUERY_WARMUP="${QUERY_WARMUP:-10}"
QUERY_CONCURRENCY="${QUERY_CONCURRENCY:-1,4}"
LOAD_CONCURRENCY="${LOAD_CONCURRENCY:-4}"
QUERY_ONLY_URL=""
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
    --phases) PHASES="$2"; shift 2 ;;
    --query-runs) QUERY_RUNS="$2"; shift 2 ;;
    --query-warmup) QUERY_WARMUP="$2"; shift 2 ;;
    --query-only) QUERY_ONLY_URL="$2"; PHASES=query; shift 2 ;;
    --bulk) BULK=true; shift ;;
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

has_phase() { [[ ",$PHASES," == *",$1,"* ]]; }

SERVER_JAR="$ROOT/cdr-server/target/cdr-server.jar"
BENCH_JAR="$ROOT/benchmark/target/cdr-benchmark.jar"
NEED_SERVER_JAR=1
[[ -n "$QUERY_ONLY_URL" ]] && NEED_SERVER_JAR=0
if [[ "${BUILD:-0}" == 1 || ! -f "$BENCH_JAR" || ( "$NEED_SERVER_JAR" == 1 && ! -f "$SERVER_JAR" ) ]]; then
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

GENERATOR_VERSION="$(java -jar "$BENCH_JAR" version)"
corpus_version() {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1])).get("generatorVersion", ""))' \
    "$CORPUS/manifest.json" 2>/dev/null || true
}
if [[ -f "$CORPUS/manifest.json" && "$(corpus_version)" != "$GENERATOR_VERSION" ]]; then
  echo "corpus $CORPUS is from generator v$(corpus_version), not v$GENERATOR_VERSION; regenerating"
  rm -rf "$CORPUS"
fi
if [[ ! -f "$CORPUS/manifest.json" ]]; then
  echo "generating corpus $CORPUS"
  java -jar "$BENCH_JAR" generate --seed "$SEED" --ehrs "$EHRS" --per-ehr "$PER_EHR" --out "$CORPUS"
else
  echo "reusing corpus $CORPUS"
fi

run_queries() { # $1: openEHR base URL
  # A failing query phase is reported; it does not stop the write phase.
  if ! java -jar "$BENCH_JAR" query \
      --base-url "$1" \
      --corpus "$CORPUS" \
      --out "$OUT" \
      --concurrency "$QUERY_CONCURRENCY" \
      --warmup-runs "$QUERY_WARMUP" \
      --runs "$QUERY_RUNS" \
      --value-indexes "$VALUE_INDEXES"; then
    echo "WARNING: the query phase failed; see the output above" >&2
  fi
}

if [[ -n "$QUERY_ONLY_URL" ]]; then
  echo "queries only, against $QUERY_ONLY_URL (it must hold exactly this corpus)"
  run_queries "$QUERY_ONLY_URL"
  echo
  cat "$OUT/results.md"
  echo
  echo "results: $OUT/results.md (and results.json)"
  exit 0
fi

echo "starting server on 127.0.0.1:$HTTP_PORT (embedded PostgreSQL on $DB_PORT, data in $DATA_DIR)"
START_NS="$(date +%s%N)"
# shellcheck disable=SC2086 # SERVER_JVM_FLAGS is a list of flags
# the bulk loader refuses to run without a pseudonym key (the corpus subjects are pseudonyms already and are kept)
CDR_PORT="$HTTP_PORT" CDR_DATA_DIR="$DATA_DIR" CDR_EMBEDDED_DB_PORT="$DB_PORT" CDR_ADMIN_ENABLED=true \
  CDR_PSEUDONYM_KEY="${CDR_PSEUDONYM_KEY:-benchmark-only-pseudonym-key}" \
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

BASE_URL="http://127.0.0.1:$HTTP_PORT/openehr/v1"
JDBC_URL="jdbc:postgresql://127.0.0.1:$DB_PORT/postgres"

if has_phase load; then
  java -jar "$BENCH_JAR" load \
    --base-url "$BASE_URL" \
    --corpus "$CORPUS" \
    --out "$OUT" \
    --concurrency "$LOAD_CONCURRENCY" \
    --bulk "$BULK" \
    --jdbc-url "$JDBC_URL" \
    --db-user postgres --db-password postgres
fi

if has_phase query; then
  run_queries "$BASE_URL"
fi

if has_phase write; then
  java -jar "$BENCH_JAR" write \
    --base-url "$BASE_URL" \
    --corpus "$CORPUS" \
    --out "$OUT" \
    --duration-seconds "$DURATION" \
    --warmup-seconds "$WARMUP" \
    --concurrency "$CONCURRENCY" \
    --update-count "$UPDATE_COUNT" \
    --jdbc-url "$JDBC_URL" \
    --db-user postgres --db-password postgres \
    --server-pid "$SERVER_PID" \
    --server-start-ms "$START_MS" \
    --server-jvm-flags "$SERVER_JVM_FLAGS"
fi

stop_server
[[ "${KEEP_DATA:-0}" == 1 ]] && echo "server data kept in $DATA_DIR"
echo
cat "$OUT/results.md"
echo
echo "results: $OUT/results.md (and results.json, server.log)"
