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
import se.region.cdr.bench.http.HttpResult;
import se.region.cdr.bench.http.OpenEhrClient;
import se.region.cdr.bench.report.Workers;

/**
 * Prepares a server for a corpus: uploads the OPTs and creates one EHR per corpus subject, or finds
 * it when the subject already has one. A refused upload is recorded, not fatal: the server may
 * already know the template, and if not the commits' errors show it.
 */
final class EhrSetup {

  private static final int THREADS = 4;

  /** The setup outcome; {@code ehrIds[i]} belongs to corpus EHR {@code i}. */
  record Result(
      Map<String, String> templateStatus,
      int ehrsCreated,
      int ehrsFound,
      double seconds,
      String[] ehrIds) {}

  private final OpenEhrClient client;
  private final Path optDirectory;

  EhrSetup(OpenEhrClient client, Path optDirectory) {
    this.client = requireNonNull(client, "client is null");
    this.optDirectory = requireNonNull(optDirectory, "optDirectory is null");
  }

  /** Uploads the corpus OPTs; per template the status (201, or 409 when already there) or why it was refused. */
  Map<String, String> uploadTemplates() throws IOException, InterruptedException {
    Map<String, String> templateStatus = new LinkedHashMap<>();
    for (CorpusTemplate template : CorpusTemplate.values()) {
      HttpResult result =
          client.uploadTemplate(Files.readAllBytes(OptFiles.of(optDirectory, template)));
      boolean stored = result.is2xx() || result.status() == 409;
      if (!stored) {
        System.out.println(
            "WARNING: template " + template.templateId() + " refused: " + result.describe());
      }
      templateStatus.put(
          template.templateId(), stored ? String.valueOf(result.status()) : result.describe());
    }
    return templateStatus;
  }

  Result run(int ehrCount) throws IOException, InterruptedException {
    long started = System.nanoTime();
    Map<String, String> templateStatus = uploadTemplates();
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

  private String ehrFor(String subjectId, AtomicInteger found)
      throws IOException, InterruptedException {
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
      throw new IOException(
          "EHR of " + subjectId + " exists but GET failed: " + existing.describe());
    }
    throw new IOException("creating the EHR of " + subjectId + " failed: " + created.describe());
  }
}
