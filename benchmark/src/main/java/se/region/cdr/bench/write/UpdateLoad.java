package se.region.cdr.bench.write;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import se.region.cdr.bench.http.HttpResult;
import se.region.cdr.bench.http.OpenEhrClient;
import se.region.cdr.bench.report.ErrorSamples;
import se.region.cdr.bench.report.LatencySummary;

/**
 * W3: PUT the corpus's second versions. {@link #prepare} commits the first versions they replace
 * (not timed), so the step does not depend on how far W1 got; {@link #run} times one PUT at a time
 * with {@code If-Match} set to the version just committed.
 */
final class UpdateLoad {

  /** The outcome of the PUTs. */
  record Result(
      int prepared,
      long prepareErrors,
      long updated,
      long errors,
      double seconds,
      LatencySummary latency,
      List<String> errorSamples) {}

  private record Target(CorpusEntry update, String ehrId, String versionUid) {}

  private final OpenEhrClient client;
  private final Corpus corpus;
  private final String[] ehrIds;
  private final List<Target> targets = new ArrayList<>();
  private final ErrorSamples prepareErrors = new ErrorSamples();

  UpdateLoad(OpenEhrClient client, Corpus corpus, String[] ehrIds) {
    this.client = requireNonNull(client, "client is null");
    this.corpus = requireNonNull(corpus, "corpus is null");
    this.ehrIds = requireNonNull(ehrIds, "ehrIds is null");
  }

  /** Commits the first versions of up to {@code count} updates; returns how many succeeded. */
  int prepare(int count) throws IOException, InterruptedException {
    Map<Long, CorpusEntry> updates = new HashMap<>();
    long lastSeq = -1;
    try (CorpusReader reader = corpus.updates()) {
      for (CorpusEntry entry = reader.next();
          entry != null && updates.size() < count;
          entry = reader.next()) {
        updates.put(entry.seq(), entry);
        lastSeq = entry.seq();
      }
    }
    try (CorpusReader reader = corpus.compositions()) {
      for (CorpusEntry entry = reader.next();
          entry != null && entry.seq() <= lastSeq;
          entry = reader.next()) {
        CorpusEntry update = updates.get(entry.seq());
        if (update != null) {
          String ehrId = ehrIds[entry.ehr()];
          HttpResult result = client.postComposition(ehrId, entry.compositionJson());
          if (result.status() == 201 && result.versionUid() != null) {
            targets.add(new Target(update, ehrId, result.versionUid()));
          } else {
            prepareErrors.add("first version: " + result.describe());
          }
        }
      }
    }
    return targets.size();
  }

  /** PUTs the prepared updates one at a time, until done or {@code maxDuration} has passed. */
  Result run(Duration maxDuration) throws InterruptedException {
    ErrorSamples errors = new ErrorSamples();
    Histogram micros = LatencySummary.newHistogram();
    long started = System.nanoTime();
    long deadline = started + maxDuration.toNanos();
    for (Target target : targets) {
      if (System.nanoTime() >= deadline) {
        break;
      }
      long sent = System.nanoTime();
      try {
        HttpResult result =
            client.putComposition(
                target.ehrId(),
                HttpResult.versionedObjectUid(target.versionUid()),
                target.versionUid(),
                target.update().compositionJson());
        if (result.status() == 200 || result.status() == 204) {
          micros.recordValue((System.nanoTime() - sent) / 1000);
        } else {
          errors.add(result.describe());
        }
      } catch (IOException e) {
        errors.add(e.toString());
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Result(
        targets.size(),
        prepareErrors.count(),
        micros.getTotalCount(),
        errors.count(),
        Math.round(seconds * 100) / 100.0,
        LatencySummary.of(micros),
        concat(prepareErrors.samples(), errors.samples()));
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}
