#!/usr/bin/env bash
# Storage per `EHRN Vital signs.v2` composition (BENCHMARK.md's <= 4 KB target), measured the way
# the root README reports it: the benchmark corpus (seed 42, 250 EHRs x 20) with only its vital-signs
# compositions kept (8 per EHR, 2,000 in all), committed through REST by `cdr-benchmark.jar load` into
# a fresh cdr-server, then VACUUM ANALYZE and pg_total_relation_size of every table (heap, TOAST and
# indexes) divided by the compositions committed. Prints the split per table and two totals: the
# tables that grow with EHRs and compositions (ehr, ehr_status_version, contribution, composition,
# composition_version, comp_node, comp_node_hist: the EHR rows shared by the EHR's compositions),
# which is the figure the READMEs give, and all tables (templates, dictionaries and empty tables
# included, a fixed ~0.4 MB here).
#
# Usage: benchmark/storage-vital-signs.sh [EHRS] [PER_EHR]   (build first: mvn -B -q -DskipTests package)
#        SERVER_JAR=/path/to/other/cdr-server.jar benchmark/storage-vital-signs.sh   (e.g. a build before a change)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EHRS="${1:-250}"
PER_EHR="${2:-20}"
SEED=42
SERVER_JAR="${SERVER_JAR:-$ROOT/cdr-server/target/cdr-server.jar}"
BENCH_JAR="$ROOT/benchmark/target/cdr-benchmark.jar"
CORPUS="$ROOT/benchmark/target/corpus/vital-signs-${EHRS}x${PER_EHR}-seed$SEED"
OUT="$ROOT/benchmark/target/results/storage-vital-signs-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"

if [[ ! -f "$CORPUS/manifest.json" ]]; then
  java -jar "$BENCH_JAR" generate --seed "$SEED" --ehrs "$EHRS" --per-ehr "$PER_EHR" --out "$CORPUS"
  for f in "$CORPUS"/*.jsonl; do
    [[ "$(basename "$f")" == vital_signs.jsonl ]] || : >"$f"
  done
fi

# shellcheck source=embedded-server.sh
source "$ROOT/benchmark/embedded-server.sh"
start_server "$OUT"

java -jar "$BENCH_JAR" load --base-url "http://127.0.0.1:$HTTP_PORT/openehr/v1" --corpus "$CORPUS" \
  --out "$OUT" --concurrency 4 --jdbc-url "jdbc:postgresql://127.0.0.1:$DB_PORT/postgres" \
  --db-user postgres --db-password postgres >"$OUT/load.log"

PGPASSWORD=postgres psql -h 127.0.0.1 -p "$DB_PORT" -U postgres -d postgres -q -X -v ON_ERROR_STOP=1 <<'SQL' | tee "$OUT/storage.txt"
vacuum analyze;
\pset footer off
with n as (select count(*)::numeric as compositions from composition),
t as (
  select c.relname as table_name, pg_total_relation_size(c.oid) as total, pg_indexes_size(c.oid) as indexes,
         coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0) as toast, c.reltuples::bigint as row_estimate
    from pg_class c join pg_namespace s on s.oid = c.relnamespace
   where c.relkind in ('r', 'm') and s.nspname not in ('pg_catalog', 'information_schema')
     and s.nspname not like 'pg_toast%' and s.nspname not like 'pg_temp%')
select table_name, greatest(row_estimate, 0) as rows, round(total / compositions) as bytes_per_composition,
       round((total - indexes - toast) / compositions) as heap, round(indexes / compositions) as indexes,
       round(toast / compositions) as toast
  from t, n where total >= 8192 * 3 or table_name in ('composition', 'contribution', 'comp_node')
union all
select 'ALL (' || compositions || ' compositions)', null, round(sum(total) / compositions), round(sum(total - indexes - toast) / compositions),
       round(sum(indexes) / compositions), round(sum(toast) / compositions)
  from t, n group by compositions
union all
select 'EHR + COMPOSITION TABLES', null, round(sum(total) / compositions), round(sum(total - indexes - toast) / compositions),
       round(sum(indexes) / compositions), round(sum(toast) / compositions)
  from t, n where table_name in ('ehr', 'ehr_status_version', 'contribution', 'composition', 'composition_version', 'comp_node', 'comp_node_hist')
  group by compositions
order by bytes_per_composition desc;
select round(avg(pg_column_size(data))) as comp_node_data_bytes, round(sum(pg_column_size(data))::numeric / (select count(*) from composition)) as data_per_composition
  from comp_node;
SQL
echo "results: $OUT"
