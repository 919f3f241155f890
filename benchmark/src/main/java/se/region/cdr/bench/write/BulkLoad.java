package se.region.cdr.bench.write;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import se.region.cdr.bench.corpus.CorpusTemplate;
import se.region.cdr.bench.corpus.Subjects;

/**
 * W2, the bulk load: every first version of the corpus through the CDR's bulk loader instead of
 * one REST commit each. Per template it uploads a mapping for canonical compositions
 * ({@code PUT /cdr/v1/mapping}: record key {@code seq}, subject {@code subject_id} kept as the
 * pseudonym it is) and posts the template's corpus file to {@code POST /cdr/v1/load}, which
 * validates every composition and writes them in batches. EHRs are created by the loader on first
 * sight of a subject. Only this CDR has that endpoint.
 */
final class BulkLoad {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One template's file: the loader's report figures and the wall time of the request. */
  record FileResult(String templateId, String file, long read, long accepted, long rejected, double seconds,
      double compositionsPerSecond, String rejectedByReason) {}

  /** The whole load, shaped like {@link CorpusLoad.Result} where it can be (the Markdown reads both). */
  record Result(String mode, long compositions, long committed, long errors, double seconds, double compositionsPerSecond,
      boolean complete, List<FileResult> files) {}

  private final String cdrUrl;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

  /** @param cdrUrl the server's root, e.g. {@code http://127.0.0.1:8080} */
  BulkLoad(String cdrUrl) {
    this.cdrUrl = requireNonNull(cdrUrl, "cdrUrl is null").replaceAll("/+$", "");
  }

  /** The server root of an openEHR base URL ({@code .../ehrbase/rest/openehr/v1} or {@code .../openehr/v1}). */
  static String rootOf(String openEhrBaseUrl) {
    return openEhrBaseUrl.replaceAll("/+$", "").replaceFirst("(/ehrbase/rest)?/openehr/v1$", "");
  }

  static String mapping(CorpusTemplate template) {
    return String.join("\n",
        "mapping: " + mappingId(template),
        "version: 1.0.0",
        "description: benchmark corpus, canonical " + template.templateId() + " compositions",
        "input: {format: jsonl, composition: composition}",
        "template: " + template.templateId(),
        "recordKey: {sourceSystem: bench, fields: [seq]}",
        "subject: {source: subject_id, namespace: " + Subjects.NAMESPACE + ", kind: pseudonym}",
        "");
  }

  private static String mappingId(CorpusTemplate template) {
    return "bench-" + template.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  Result run(Corpus corpus, Duration limit) throws IOException, InterruptedException {
    List<FileResult> files = new ArrayList<>();
    long compositions = 0;
    long accepted = 0;
    long rejected = 0;
    long started = System.nanoTime();
    for (CorpusTemplate template : CorpusTemplate.values()) {
      HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(cdrUrl + "/cdr/v1/mapping/" + mappingId(template) + "/1.0.0"))
          .header("Content-Type", "application/yaml").PUT(HttpRequest.BodyPublishers.ofString(mapping(template))).build(),
          HttpResponse.BodyHandlers.ofString());
      if (put.statusCode() != 201 && put.statusCode() != 409) {
        throw new IOException("mapping upload for " + template.templateId() + " failed: " + put.statusCode() + " " + put.body());
      }
      Path file = corpus.directory().resolve(template.fileName());
      long fileStarted = System.nanoTime();
      HttpResponse<String> load = http.send(HttpRequest.newBuilder(URI.create(cdrUrl + "/cdr/v1/load?mapping=" + mappingId(template)))
          .header("Content-Type", "application/x-ndjson").timeout(limit).POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
          HttpResponse.BodyHandlers.ofString());
      double seconds = (System.nanoTime() - fileStarted) / 1e9;
      if (load.statusCode() != 200) {
        throw new IOException("bulk load of " + file.getFileName() + " failed: " + load.statusCode() + " " + load.body());
      }
      JsonNode report = MAPPER.readTree(load.body());
      long read = report.path("read").asLong();
      long ok = report.path("accepted").asLong() + report.path("unchanged").asLong();
      long bad = report.path("rejected").asLong();
      files.add(new FileResult(template.templateId(), file.getFileName().toString(), read, ok, bad, seconds, ok / seconds,
          report.path("rejected_by_reason").toString()));
      System.out.printf("    %s: %d read, %d accepted, %d rejected, %.1f s, %.0f compositions/s%n", template.templateId(), read, ok, bad,
          seconds, ok / seconds);
      compositions += read;
      accepted += ok;
      rejected += bad;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Result("bulk", compositions, accepted, rejected, seconds, accepted / seconds, rejected == 0 && accepted == compositions, files);
  }
}
