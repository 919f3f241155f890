#!/usr/bin/env bash
# Bulk-load throughput of one corpus file, with the CPU it costs: a fresh cdr-server (embedded
# PostgreSQL, fresh data directory), the file's template uploaded, a canonical mapping like W2's
# (benchmark BulkLoad: record key seq, subject_id kept as the pseudonym), then the first N lines
# of the file POSTed to /cdr/v1/load once. Prints records/s over the POST and the CPU (user +
# system, from /proc) the server JVM and the PostgreSQL processes spent during it, per record,
# with the load average before and after (the machine is shared: give it with every figure).
#
# Usage: benchmark/bulk-load-cpu.sh [FILE] [N]
#   FILE  a corpus JSON Lines file (default: the scale-R vital_signs.jsonl of benchmark/target/corpus),
#         or with MAPPING=<shipped mapping id> any input of that mapping; a .csv file keeps its header
#         line in every part (e.g. MAPPING=vital-signs-csv with SyntheticVitalSignsCsv's output)
#   N     records to load (default: all)
# Environment: SERVER_JAR (default cdr-server/target/cdr-server.jar), SERVER_JVM_FLAGS (e.g. JFR),
# TEMPLATE (default: the template_id of the file's first line), BATCH (the load's batch size),
# WARMUP=W: the first W of the N lines are loaded first, unmeasured (JIT compilation of the loader
# path, ~9 s of C2 CPU, is then out of the figures: a running server compiles it once).
# Also prints the JVM's CPU per thread name (threads that ended during the load, the loader's
# workers, are in the JVM total only).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FILE="${1:-$ROOT/benchmark/target/corpus/2000x50-seed42/vital_signs.jsonl}"
N="${2:-0}"
SERVER_JAR="${SERVER_JAR:-$ROOT/cdr-server/target/cdr-server.jar}"
SERVER_JVM_FLAGS="${SERVER_JVM_FLAGS:-}"
OPT_DIR="$ROOT/../shared/reference-data/openEHR_SDK/test-data/src/main/resources/operationaltemplate"
MAPPING="${MAPPING:-}"
if [[ -z "$MAPPING" ]]; then
  TEMPLATE="${TEMPLATE:-$(head -1 "$FILE" | python3 -c 'import json, sys; print(json.loads(sys.stdin.readline())["template_id"])')}"
fi
HEADER=0
[[ "$FILE" == *.csv ]] && HEADER=1
OUT="$ROOT/benchmark/target/results/bulk-load-cpu-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"

# part FROM COUNT: records FROM.. (1-based) of the file, COUNT of them (0: all), after the CSV header
part() {
  { [[ "$HEADER" == 1 ]] && head -1 "$FILE"
    tail -n +"$(( $1 + HEADER ))" "$FILE" | if [[ "$2" != 0 ]]; then head -n "$2"; else cat; fi; } || true
}
WARMUP="${WARMUP:-0}"
INPUT="$FILE"
if [[ "$N" != 0 || "$WARMUP" != 0 ]]; then
  INPUT="$OUT/measured.input"
  part $(( WARMUP + 1 )) $(( N == 0 ? 0 : N - WARMUP )) >"$INPUT"
fi
if [[ "$WARMUP" != 0 ]]; then
  part 1 "$WARMUP" >"$OUT/warmup.input"
fi
RECORDS="$(( $(wc -l <"$INPUT") - HEADER ))"

# shellcheck source=embedded-server.sh
source "$ROOT/benchmark/embedded-server.sh"
start_server "$OUT" CDR_PSEUDONYM_KEY="${CDR_PSEUDONYM_KEY:-benchmark-only-pseudonym-key}"

BASE="http://127.0.0.1:$HTTP_PORT"
if [[ -z "$MAPPING" ]]; then
  curl -sf -o /dev/null -X POST -H 'Content-Type: application/xml' --data-binary @"$OPT_DIR/$TEMPLATE.opt" \
    "$BASE/openehr/v1/definition/template/adl1.4"
  MAPPING_ID="bulk-cpu"
  printf '%s\n' "mapping: $MAPPING_ID" "version: 1.0.0" "input: {format: jsonl, composition: composition}" "template: $TEMPLATE" \
    "recordKey: {sourceSystem: bench, fields: [seq]}" "subject: {source: subject_id, namespace: bench, kind: pseudonym}" >"$OUT/mapping.yaml"
  curl -sf -o /dev/null -X PUT -H 'Content-Type: application/yaml' --data-binary @"$OUT/mapping.yaml" "$BASE/cdr/v1/mapping/$MAPPING_ID/1.0.0"
else
  MAPPING_ID="$MAPPING"
fi

if [[ "$WARMUP" != 0 ]]; then
  curl -sf -o /dev/null -X POST -H 'Content-Type: application/x-ndjson' --data-binary @"$OUT/warmup.input" "$BASE/cdr/v1/load?mapping=$MAPPING_ID"
fi

POSTMASTER="$(pgrep -f -- "-p $DB_PORT" | head -1 || true)"
[[ -n "$POSTMASTER" ]] || POSTMASTER="$(pgrep -f "$DATA_DIR" | grep -v "^$SERVER_PID\$" | head -1)"
TICKS="$(getconf CLK_TCK)"
# user + system ticks of a process (with its reaped children when $2 is 1)
ticks() { awk -v kids="$2" '{ t = $14 + $15; if (kids == 1) t += $16 + $17; print t }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# user + system ticks per JVM thread name (threads of one name summed), one "name ticks" line each
thread_ticks() {
  for t in /proc/"$SERVER_PID"/task/*; do
    printf '%s\t%s\n' "$(tr ' ' '_' <"$t/comm" 2>/dev/null)" "$(ticks "${t#/proc/}" 0 2>/dev/null)"
  done | sed -E 's/^([A-Za-z_:-]*[A-Za-z_:-])[0-9_#]*\t/\1\t/' | awk -F'\t' '{s[$1] += $2} END {for (n in s) print n, s[n]}' | sort
}
# user + system ticks per PostgreSQL process ("pid title ticks" lines; backends named by their title)
pg_process_ticks() {
  for child in $(pgrep -P "$POSTMASTER"); do
    printf '%s %s %s\n' "$child" "$(tr '\0 ' '__' <"/proc/$child/cmdline" 2>/dev/null | cut -c1-40)" "$(ticks "$child" 0)"
  done | sort
}
pg_ticks() {
  local sum
  sum="$(ticks "$POSTMASTER" 1)"
  for child in $(pgrep -P "$POSTMASTER"); do sum=$(( sum + $(ticks "$child" 0) )); done
  echo "$sum"
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
JVM0="$(ticks "$SERVER_PID" 0)"
thread_ticks >"$OUT/threads-before.txt"
pg_process_ticks >"$OUT/pg-before.txt"
PG0="$(pg_ticks)"
T0="$(date +%s%N)"
curl -sf -X POST -H 'Content-Type: application/x-ndjson' --data-binary @"$INPUT" \
  "$BASE/cdr/v1/load?mapping=$MAPPING_ID${BATCH:+&batch=$BATCH}" >"$OUT/report.json"
T1="$(date +%s%N)"
JVM1="$(ticks "$SERVER_PID" 0)"
thread_ticks >"$OUT/threads-after.txt"
pg_process_ticks >"$OUT/pg-after.txt"
PG1="$(pg_ticks)"
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$OUT/report.json" "$RECORDS" "$T0" "$T1" "$JVM0" "$JVM1" "$PG0" "$PG1" "$TICKS" "$LOAD_BEFORE" "$LOAD_AFTER" <<'PY' | tee "$OUT/result.txt"
import json, sys
report = json.load(open(sys.argv[1]))
records = int(sys.argv[2])
seconds = (int(sys.argv[4]) - int(sys.argv[3])) / 1e9
tck = int(sys.argv[9])
jvm = (int(sys.argv[6]) - int(sys.argv[5])) / tck
pg = (int(sys.argv[8]) - int(sys.argv[7])) / tck
accepted = report.get("accepted", 0)
print(f"records {records}, accepted {accepted}, rejected {report.get('rejected', 0)}, {seconds:.1f} s, {records / seconds:,.0f} records/s")
print(f"CPU: JVM {jvm:.1f} s = {1000 * jvm / records:.3f} ms/record, PostgreSQL {pg:.1f} s = {1000 * pg / records:.3f} ms/record,"
      f" total {1000 * (jvm + pg) / records:.3f} ms/record")
print(f"load average before {sys.argv[10]}, after {sys.argv[11]}")
PY
echo "JVM CPU by thread (ms per record):"
join -a2 -e0 -o '0,1.2,2.2' "$OUT/threads-before.txt" "$OUT/threads-after.txt" \
  | awk -v n="$RECORDS" -v tck="$TICKS" '$3 - $2 > 0 {printf "  %-28s %.3f\n", $1, 1000 * ($3 - $2) / tck / n}' | sort -k2 -rn
echo "PostgreSQL CPU by process (ms per record; backends that ended are in the total only):"
join -a2 -e0 -o '2.2,1.3,2.3' "$OUT/pg-before.txt" "$OUT/pg-after.txt" \
  | awk -v n="$RECORDS" -v tck="$TICKS" '$3 - $2 > 0 {printf "  %-40s %.3f\n", $1, 1000 * ($3 - $2) / tck / n}' | sort -k2 -rn
grep -o "Load run [0-9]*: .*" "$OUT/server.log" | tail -1 || true
echo "results: $OUT"
