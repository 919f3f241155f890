package se.region.cdr.bench.write;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Options of the {@code write} subcommand. The JDBC fields are {@code null} when no database access
 * was given; the server fields are {@code null} when the caller does not know them.
 */
record WriteOptions(
    String baseUrl,
    Path corpusDirectory,
    Path optDirectory,
    Path outDirectory,
    Duration stepDuration,
    Duration warmup,
    List<Integer> concurrency,
    int updateCount,
    String jdbcUrl,
    String dbUser,
    String dbPassword,
    Long serverPid,
    Long serverStartMillis,
    String serverJvmFlags) {

  WriteOptions {
    concurrency = List.copyOf(concurrency);
  }

  boolean hasDatabase() {
    return jdbcUrl != null;
  }
}
