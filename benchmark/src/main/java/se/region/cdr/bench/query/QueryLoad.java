package se.region.cdr.bench.query;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import se.region.cdr.bench.corpus.Subjects;
import se.region.cdr.bench.http.HttpResult;
import se.region.cdr.bench.http.OpenEhrClient;
import se.region.cdr.bench.report.ErrorSamples;
import se.region.cdr.bench.report.LatencySummary;
import se.region.cdr.bench.report.Workers;

/**
 * Runs one query class at one concurrency: the warm-up runs, then the measured runs, each a list of
 * cases drawn in advance, shared by the clients in a closed loop. Bounded by the number of cases,
 * by a time limit per step, and by {@value #MAX_ERRORS} errors.
 */
final class QueryLoad {

  /** A step stops after this many failed requests (e.g. 404 while the endpoint is missing). */
  static final int MAX_ERRORS = 10;

  private final OpenEhrClient client;
  private final EhrDirectory ehrs;

  QueryLoad(OpenEhrClient client, EhrDirectory ehrs) {
    this.client = requireNonNull(client, "client is null");
    this.ehrs = requireNonNull(ehrs, "ehrs is null");
  }

  QueryStep run(int concurrency, List<QueryCase> warmup, List<QueryCase> measured, Duration limit)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    ErrorSamples errors = new ErrorSamples();
    Tally ignored = new Tally();
    int warmupDone = phase(concurrency, warmup, deadline, errors, ignored);
    Tally tally = new Tally();
    int runs =
        errors.count() >= MAX_ERRORS ? 0 : phase(concurrency, measured, deadline, errors, tally);
    boolean timedOut = System.nanoTime() >= deadline && runs + tally.failed.get() < measured.size();
    long mismatches = tally.mismatches.count();
    boolean ok = errors.count() == 0 && mismatches == 0 && runs == measured.size();
    return new QueryStep(
        concurrency,
        warmupDone,
        measured.size(),
        runs,
        errors.count(),
        mismatches,
        timedOut,
        ok,
        tally.hitsExpected.get(),
        tally.hitsGot.get(),
        LatencySummary.of(tally.micros),
        errors.samples(),
        tally.mismatches.samples());
  }

  /** Runs {@code cases} on {@code concurrency} clients; returns how many answered. */
  private int phase(
      int concurrency, List<QueryCase> cases, long deadline, ErrorSamples errors, Tally tally)
      throws IOException, InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger answered = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<Histogram>> workers = new ArrayList<>();
      for (int i = 0; i < concurrency; i++) {
        workers.add(
            pool.submit(
                () -> {
                  Histogram micros = LatencySummary.newHistogram();
                  int index;
                  while (System.nanoTime() < deadline
                      && errors.count() < MAX_ERRORS
                      && (index = next.getAndIncrement()) < cases.size()) {
                    if (runOne(cases.get(index), micros, errors, tally)) {
                      answered.incrementAndGet();
                    }
                  }
                  return micros;
                }));
      }
      for (Future<Histogram> worker : workers) {
        Histogram micros = Workers.await(worker);
        synchronized (tally.micros) {
          tally.micros.add(micros);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return answered.get();
  }

  private boolean runOne(QueryCase run, Histogram micros, ErrorSamples errors, Tally tally)
      throws InterruptedException {
    String description = describe(run);
    String label = run.queryClass() + (description.isEmpty() ? "" : " " + description);
    try {
      String ehrId = run.queryClass().needsEhrId() ? ehrs.idOf(run.ehr()) : null;
      long sent = System.nanoTime();
      HttpResult response = send(run, ehrId);
      long elapsed = (System.nanoTime() - sent) / 1000;
      if (response.status() != 200) {
        errors.add("HTTP " + response.describe());
        tally.failed.incrementAndGet();
        return false;
      }
      Outcome outcome = evaluate(run, response);
      micros.recordValue(elapsed);
      tally.hitsExpected.addAndGet(run.expectedHits());
      tally.hitsGot.addAndGet(outcome.hits());
      if (!outcome.ok()) {
        tally.mismatches.add(label + ": " + outcome.mismatch());
      }
      return true;
    } catch (IOException e) {
      errors.add(label + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      tally.failed.incrementAndGet();
      return false;
    }
  }

  private HttpResult send(QueryCase run, String ehrId) throws IOException, InterruptedException {
    if (run.queryClass() == QueryClass.Q9) {
      return client.findEhr(Subjects.idOf(run.ehr()), Subjects.NAMESPACE);
    }
    return client.aql(QueryTexts.body(run.queryClass().aql(), run.parameters(ehrId)));
  }

  private static Outcome evaluate(QueryCase run, HttpResult response) throws IOException {
    if (run.queryClass() == QueryClass.Q9) {
      OpenEhrClient.ehrIdOf(response);
      return Outcome.of(1, run.expectedHits());
    }
    return run.queryClass().check(run, AqlResult.parse(response.body()));
  }

  private static String describe(QueryCase run) {
    String parameters = run.parameters().isEmpty() ? "" : " " + run.parameters();
    return run.ehr() >= 0 ? "EHR " + run.ehr() + parameters : parameters.trim();
  }

  /** What the measured runs of a step add up to; thread-safe. */
  private static final class Tally {
    final Histogram micros = LatencySummary.newHistogram();
    final AtomicLong hitsExpected = new AtomicLong();
    final AtomicLong hitsGot = new AtomicLong();
    final AtomicInteger failed = new AtomicInteger();
    final ErrorSamples mismatches = new ErrorSamples();
  }
}
