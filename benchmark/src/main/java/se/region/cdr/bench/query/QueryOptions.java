package se.region.cdr.bench.query;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Options of the {@code query} subcommand. {@code explainUrl} is null when no EXPLAIN is wanted;
 * {@code seed} draws the random parameters.
 */
record QueryOptions(
    String baseUrl,
    String explainUrl,
    Path corpusDirectory,
    Path outDirectory,
    List<QueryClass> classes,
    List<Integer> concurrency,
    int warmupRuns,
    int runs,
    Duration stepLimit,
    long seed) {

  QueryOptions {
    classes = List.copyOf(classes);
    concurrency = List.copyOf(concurrency);
    if (warmupRuns < 0 || runs < 1) {
      throw new IllegalArgumentException("warm-up runs must be >= 0 and runs >= 1");
    }
  }
}
