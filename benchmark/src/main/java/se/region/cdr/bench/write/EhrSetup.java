package se.region.cdr.bench.write;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import se.region.cdr.bench.corpus.CorpusTemplate;
import se.region.cdr.bench.corpus.OptFiles;
import se.region.cdr.bench.corpus.Subjects;

/**
 * Prepares a server for a corpus: uploads the OPTs (409, already there, is fine) and creates one
 * EHR per corpus subject, or finds it when the subject already has one.
 */
final class EhrSetup {

  private static final int THREADS = 4;

  /** The setup outcome; {@code ehrIds[i]} belongs to corpus EHR {@code i}. */
  record Result(
      Map<String, Integer> templateStatus, int ehrsCreated, int ehrsFound, double seconds, String[] ehrIds) {}

  private final OpenEhrClient client;
  private final Path optDirectory;

  EhrSetup(OpenEhrClient client, Path optDirectory) {
    this.client = requireNonNull(client, "client is null");
    this.optDirectory = requireNonNull(optDirectory, "optDirectory is null");
  }

  Result run(int ehrCount) throws IOException, InterruptedException {
    long started = System.nanoTime();
    Map<String, Integer> templateStatus = new LinkedHashMap<>();
    for (CorpusTemplate template : CorpusTemplate.values()) {
      HttpResult result = client.uploadTemplate(Files.readAllBytes(OptFiles.of(optDirectory, template)));
      if (!result.is2xx() && result.status() != 409) {
        throw new IOException("template upload " + template.templateId() + " failed: " + result.describe());
      }
      templateStatus.put(template.templateId(), result.status());
    }
    String[] ehrIds = new String[ehrCount];
    AtomicInteger found = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int first = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = first; i < ehrCount; i += THREADS) {
                    ehrIds[i] = ehrFor(Subjects.idOf(i), found);
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        Workers.await(future);
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Result(templateStatus, ehrCount - found.get(), found.get(), seconds, ehrIds);
  }

  private String ehrFor(String subjectId, AtomicInteger found) throws IOException, InterruptedException {
    HttpResult created = client.createEhr(subjectId, Subjects.NAMESPACE);
    if (created.status() == 201 || created.status() == 200) {
      return OpenEhrClient.ehrIdOf(created);
    }
    if (created.status() == 409) {
      HttpResult existing = client.findEhr(subjectId, Subjects.NAMESPACE);
      if (existing.status() == 200) {
        found.incrementAndGet();
        return OpenEhrClient.ehrIdOf(existing);
      }
      throw new IOException("EHR of " + subjectId + " exists but GET failed: " + existing.describe());
    }
    throw new IOException("creating the EHR of " + subjectId + " failed: " + created.describe());
  }
}
