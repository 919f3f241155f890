/**
 * What every benchmark phase shares: latency histograms, error samples, machine facts, and {@code
 * results.json} / {@code results.md}, which each phase (load, query, write) adds its section to.
 */
package se.region.cdr.bench.report;
