package se.region.cdr.bench.write;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a run's results as {@code results.json} and a short Markdown table, {@code results.md}.
 */
final class ResultsWriter {

  static final String JSON = "results.json";
  static final String MARKDOWN = "results.md";

  private final Path directory;

  ResultsWriter(Path directory) {
    this.directory = requireNonNull(directory, "directory is null");
  }

  void write(JsonNode results) throws IOException {
    Files.createDirectories(directory);
    new ObjectMapper()
        .writerWithDefaultPrettyPrinter()
        .writeValue(directory.resolve(JSON).toFile(), results);
    Files.writeString(directory.resolve(MARKDOWN), markdown(results), StandardCharsets.UTF_8);
  }

  static String markdown(JsonNode r) {
    StringBuilder md = new StringBuilder();
    JsonNode corpus = r.path("corpus");
    JsonNode machine = r.path("machine");
    md.append("# Write benchmark, ").append(r.path("startedAt").asText()).append("\n\n");
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
    JsonNode w1 = r.path("w1");
    md.append("## W1 commit: POST composition, closed loop, ")
        .append(w1.path("stepSeconds").asText())
        .append(" s per step\n\n");
    md.append("| clients | commits/s | p50 ms | p95 ms | p99 ms | max ms | errors |\n");
    md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
    for (JsonNode step : w1.path("steps")) {
      JsonNode latency = step.path("latency");
      md.append(
          String.format(
              "| %d | %.1f | %.1f | %.1f | %.1f | %.1f | %d |%n",
              step.path("concurrency").asInt(),
              step.path("commitsPerSecond").asDouble(),
              latency.path("p50Ms").asDouble(),
              latency.path("p95Ms").asDouble(),
              latency.path("p99Ms").asDouble(),
              latency.path("maxMs").asDouble(),
              step.path("errors").asLong()));
    }
    JsonNode knee = w1.path("knee");
    md.append("\nKnee (last step before p99 > 1 s or errors): ")
        .append(
            knee.isObject()
                ? String.format(
                    "%d clients, %.1f commits/s",
                    knee.path("concurrency").asInt(), knee.path("commitsPerSecond").asDouble())
                : "none")
        .append(". Committed ")
        .append(w1.path("committed").asText())
        .append(w1.path("corpusWrapped").asBoolean() ? " (corpus wrapped: duplicates)" : "")
        .append(".\n\n");
    JsonNode w3 = r.path("w3");
    JsonNode updateLatency = w3.path("latency");
    md.append("## W3 update: PUT a second version, one client\n\n");
    md.append("| updates | p50 ms | p95 ms | p99 ms | errors |\n|---:|---:|---:|---:|---:|\n");
    md.append(
        String.format(
            "| %d | %.1f | %.1f | %.1f | %d |%n%n",
            w3.path("updated").asLong(),
            updateLatency.path("p50Ms").asDouble(),
            updateLatency.path("p95Ms").asDouble(),
            updateLatency.path("p99Ms").asDouble(),
            w3.path("errors").asLong() + w3.path("prepareErrors").asLong()));
    JsonNode storage = r.path("storage");
    if (storage.isObject()) {
      md.append("## Storage growth after VACUUM ANALYZE (bytes, all non-system schemas)\n\n");
      md.append("| per | items | total | heap | index | TOAST |\n|---|---:|---:|---:|---:|---:|\n");
      md.append(storageRow("composition (W1 mix)", storage.path("perCompositionW1")));
      md.append(storageRow("version (W3)", w3.path("storagePerVersion")));
    }
    return md.toString();
  }

  private static String storageRow(String label, JsonNode per) {
    return String.format(
        "| %s | %d | %.0f | %.0f | %.0f | %.0f |%n",
        label,
        per.path("items").asLong(),
        per.path("totalBytes").asDouble(),
        per.path("heapBytes").asDouble(),
        per.path("indexBytes").asDouble(),
        per.path("toastBytes").asDouble());
  }
}
