/**
 * The query classes Q1–Q9 of BENCHMARK.md over HTTP (AQL and {@code GET /ehr?subject_id}). In: a
 * loaded server and the corpus manifest. Out: latency per class and concurrency, hit counts checked
 * against the manifest, and one EXPLAIN per class, in {@code results.json} / {@code results.md}.
 */
package se.region.cdr.bench.query;
