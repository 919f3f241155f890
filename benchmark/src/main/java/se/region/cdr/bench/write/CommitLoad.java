package se.region.cdr.bench.write;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;
import se.region.cdr.bench.http.HttpResult;
import se.region.cdr.bench.http.OpenEhrClient;
import se.region.cdr.bench.report.ErrorSamples;
import se.region.cdr.bench.report.LatencySummary;
import se.region.cdr.bench.report.Workers;

/**
 * W1: POST compositions from the corpus at a fixed number of concurrent clients for a fixed time,
 * each client sending its next request when the previous one answered (closed loop).
 */
final class CommitLoad {

  /** A step stops early after this many failed requests. */
  static final int MAX_ERRORS_PER_STEP = 200;

  /** Knee rule of BENCHMARK.md: p99 at most this, and no errors. */
  static final double KNEE_P99_MS = 1000;

  /** One concurrency step. */
  record Step(
      int concurrency,
      double seconds,
      long commits,
      long errors,
      double commitsPerSecond,
      LatencySummary latency,
      List<String> errorSamples) {}

  private final OpenEhrClient client;
  private final CommitFeed feed;
  private final String[] ehrIds;

  CommitLoad(OpenEhrClient client, CommitFeed feed, String[] ehrIds) {
    this.client = requireNonNull(client, "client is null");
    this.feed = requireNonNull(feed, "feed is null");
    this.ehrIds = requireNonNull(ehrIds, "ehrIds is null");
  }

  Step run(int concurrency, Duration duration) throws IOException, InterruptedException {
    ErrorSamples errors = new ErrorSamples();
    long started = System.nanoTime();
    long deadline = started + duration.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    Histogram total = LatencySummary.newHistogram();
    try {
      List<Future<Histogram>> workers = new ArrayList<>();
      for (int i = 0; i < concurrency; i++) {
        workers.add(pool.submit(() -> work(deadline, errors)));
      }
      for (Future<Histogram> worker : workers) {
        total.add(Workers.await(worker));
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long commits = total.getTotalCount();
    return new Step(
        concurrency,
        round(seconds),
        commits,
        errors.count(),
        round(commits / seconds),
        LatencySummary.of(total),
        errors.samples());
  }

  private Histogram work(long deadline, ErrorSamples errors)
      throws IOException, InterruptedException {
    Histogram micros = LatencySummary.newHistogram();
    while (System.nanoTime() < deadline && errors.count() < MAX_ERRORS_PER_STEP) {
      CorpusEntry entry = feed.next();
      long sent = System.nanoTime();
      try {
        HttpResult result = client.postComposition(ehrIds[entry.ehr()], entry.compositionJson());
        if (result.status() == 201) {
          micros.recordValue((System.nanoTime() - sent) / 1000);
        } else {
          errors.add(result.describe());
        }
      } catch (IOException e) {
        errors.add(e.toString());
      }
    }
    return micros;
  }

  /**
   * The knee: the last step, in the order run, before the first one with errors or a p99 above one
   * second.
   */
  static Optional<Step> knee(List<Step> steps) {
    Step knee = null;
    for (Step step : steps) {
      if (step.errors() > 0 || step.latency().p99Ms() > KNEE_P99_MS) {
        break;
      }
      knee = step;
    }
    return Optional.ofNullable(knee);
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
