package se.region.cdr.bench.query;

import java.util.List;
import se.region.cdr.bench.report.LatencySummary;

/**
 * One query class at one concurrency: measured runs (successful HTTP answers), errors, latency of
 * the measured runs, and the hits summed over them against the manifest's. {@code ok} when all
 * planned runs answered, without errors and each with the expected answer.
 */
record QueryStep(
    int concurrency,
    int warmupRuns,
    int plannedRuns,
    int runs,
    long errors,
    long mismatches,
    boolean timedOut,
    boolean ok,
    long hitsExpected,
    long hitsGot,
    LatencySummary latency,
    List<String> errorSamples,
    List<String> mismatchSamples) {}
