package se.region.cdr.bench.report;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes a run's results as {@code results.json} and short Markdown tables, {@code results.md}. The
 * phases of one run (load, query, write) each add their section to the same two files.
 */
public final class ResultsWriter {

  public static final String JSON = "results.json";
  public static final String MARKDOWN = "results.md";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path directory;

  public ResultsWriter(Path directory) {
    this.directory = requireNonNull(directory, "directory is null");
  }

  /**
   * Adds {@code section}'s top-level fields to {@code results.json} in the directory (created if
   * missing; a field already there is replaced, except {@code startedAt}, which stays the first
   * phase's), then rewrites {@code results.md} from the whole file.
   */
  public void write(ObjectNode section) throws IOException {
    Files.createDirectories(directory);
    Path json = directory.resolve(JSON);
    ObjectNode results =
        Files.exists(json)
            ? (ObjectNode) MAPPER.readTree(json.toFile())
            : MAPPER.createObjectNode();
    JsonNode firstStart = results.get("startedAt");
    results.setAll(section);
    if (firstStart != null) {
      results.set("startedAt", firstStart);
    }
    results.put("updatedAt", Instant.now().toString());
    MAPPER.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), results);
    Files.writeString(directory.resolve(MARKDOWN), markdown(results), StandardCharsets.UTF_8);
  }

  static String markdown(JsonNode r) {
    StringBuilder md = new StringBuilder();
    JsonNode corpus = r.path("corpus");
    JsonNode machine = r.path("machine");
    md.append("# Benchmark run, ").append(r.path("startedAt").asText()).append("\n\n");
    md.append(
        String.format(
            "Server `%s`; corpus seed %s, generator v%s, %s EHRs x %s; %s, %s cores, %s RAM;"
                + " PostgreSQL %s.%n%n",
            r.path("baseUrl").asText(),
            corpus.path("seed").asText(),
            corpus.path("generatorVersion").asText(),
            corpus.path("ehrs").asText(),
            corpus.path("compositionsPerEhr").asText(),
            machine.path("cpuModel").asText(),
            machine.path("cores").asText(),
            machine.path("memTotal").asText(),
            r.path("postgres").path("server_version").asText("n/a")));
    md.append(LoadMarkdown.markdown(r.path("load")));
    md.append(QueryMarkdown.markdown(r.path("queries")));
    md.append(WriteMarkdown.markdown(r));
    return md.toString();
  }
}
