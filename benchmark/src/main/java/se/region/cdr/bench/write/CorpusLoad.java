package se.region.cdr.bench.write;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * Loads the corpus for the query classes: every first version POSTed exactly once, so the database
 * holds what the manifest describes. Bounded by the corpus size and by a time limit; a load that
 * stops early or has failures is reported as incomplete, with the failures per template.
 */
final class CorpusLoad {

  /** The outcome; {@code complete} when every composition was committed. */
  record Result(
      int concurrency,
      long compositions,
      long committed,
      long errors,
      Map<String, Long> errorsByTemplate,
      boolean timedOut,
      boolean complete,
      double seconds,
      double compositionsPerSecond,
      LatencySummary latency,
      List<String> errorSamples) {}

  private final OpenEhrClient client;
  private final Corpus corpus;
  private final String[] ehrIds;

  CorpusLoad(OpenEhrClient client, Corpus corpus, String[] ehrIds) {
    this.client = requireNonNull(client, "client is null");
    this.corpus = requireNonNull(corpus, "corpus is null");
    this.ehrIds = requireNonNull(ehrIds, "ehrIds is null");
  }

  Result run(int concurrency, Duration limit) throws IOException, InterruptedException {
    ErrorSamples errors = new ErrorSamples();
    Map<String, Long> errorsByTemplate = new TreeMap<>();
    long started = System.nanoTime();
    long deadline = started + limit.toNanos();
    Histogram total = LatencySummary.newHistogram();
    long handedOut;
    boolean timedOut;
    try (CorpusReader reader = corpus.compositions()) {
      Feed feed = new Feed(reader);
      ExecutorService pool = Executors.newFixedThreadPool(concurrency);
      try {
        List<Future<Histogram>> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
          workers.add(pool.submit(() -> work(feed, deadline, errors, errorsByTemplate)));
        }
        for (Future<Histogram> worker : workers) {
          total.add(Workers.await(worker));
        }
      } finally {
        pool.shutdownNow();
      }
      handedOut = feed.handedOut;
      timedOut = !feed.exhausted;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long committed = total.getTotalCount();
    long expected = corpus.manifest().path("counts").path("compositions").asLong(handedOut);
    return new Result(
        concurrency,
        expected,
        committed,
        errors.count(),
        Collections.unmodifiableMap(errorsByTemplate),
        timedOut,
        !timedOut && errors.count() == 0 && committed == expected,
        Math.round(seconds * 100) / 100.0,
        Math.round(committed / seconds * 100) / 100.0,
        LatencySummary.of(total),
        errors.samples());
  }

  private Histogram work(
      Feed feed, long deadline, ErrorSamples errors, Map<String, Long> errorsByTemplate)
      throws IOException, InterruptedException {
    Histogram micros = LatencySummary.newHistogram();
    CorpusEntry entry;
    while (System.nanoTime() < deadline && (entry = feed.next()) != null) {
      long sent = System.nanoTime();
      String failure;
      try {
        HttpResult result = client.postComposition(ehrIds[entry.ehr()], entry.compositionJson());
        if (result.status() == 201) {
          micros.recordValue((System.nanoTime() - sent) / 1000);
          continue;
        }
        failure = result.describe();
      } catch (IOException e) {
        failure = e.toString();
      }
      errors.add(failure);
      synchronized (errorsByTemplate) {
        errorsByTemplate.merge(entry.templateId(), 1L, Long::sum);
      }
    }
    return micros;
  }

  /** Hands out each corpus line once. */
  private static final class Feed {
    private final CorpusReader reader;
    private long handedOut;
    private boolean exhausted;

    Feed(CorpusReader reader) {
      this.reader = reader;
    }

    synchronized CorpusEntry next() throws IOException {
      CorpusEntry entry = reader.next();
      if (entry == null) {
        exhausted = true;
      } else {
        handedOut++;
      }
      return entry;
    }
  }
}
