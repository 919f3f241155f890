package se.region.cdr.bench.report;

import com.fasterxml.jackson.databind.JsonNode;

/** The Markdown of the corpus load that the query classes run against. */
final class LoadMarkdown {

  private LoadMarkdown() {}

  static String markdown(JsonNode load) {
    if (!load.isObject()) {
      return "";
    }
    StringBuilder md = new StringBuilder();
    if (load.path("mode").asText().equals("bulk")) {
      return bulk(load);
    }
    md.append("## Load: every corpus composition POSTed once, ")
        .append(load.path("concurrency").asInt())
        .append(" clients\n\n");
    md.append("| compositions | committed | errors | seconds | compositions/s | p50 ms | p99 ms |")
        .append(" bytes/composition |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    JsonNode latency = load.path("latency");
    md.append(
        String.format(
            "| %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %s |%n%n",
            load.path("compositions").asLong(),
            load.path("committed").asLong(),
            load.path("errors").asLong(),
            load.path("seconds").asDouble(),
            load.path("compositionsPerSecond").asDouble(),
            latency.path("p50Ms").asDouble(),
            latency.path("p99Ms").asDouble(),
            load.path("bytesPerComposition").asText("n/a")));
    if (!load.path("complete").asBoolean()) {
      md.append("**The load is incomplete**")
          .append(load.path("timedOut").asBoolean() ? " (time limit reached)" : "")
          .append(": the manifest's answers assume the whole corpus. Failures by template: ")
          .append(load.path("errorsByTemplate").toString())
          .append(". First errors:\n\n");
      for (JsonNode sample : load.path("errorSamples")) {
        md.append("- `").append(Markdown.cell(sample.asText())).append("`\n");
      }
      md.append('\n');
    }
    return md.toString();
  }

  /** W2: the corpus through the bulk loader, per template file. */
  private static String bulk(JsonNode load) {
    StringBuilder md = new StringBuilder("## Load (W2): every corpus composition once through the bulk loader (`POST /cdr/v1/load`)\n\n");
    md.append("| template | read | accepted | rejected | seconds | compositions/s |\n|---|---:|---:|---:|---:|---:|\n");
    for (JsonNode f : load.path("files")) {
      md.append(String.format("| %s | %d | %d | %d | %.1f | %.0f |%n", f.path("templateId").asText(), f.path("read").asLong(),
          f.path("accepted").asLong(), f.path("rejected").asLong(), f.path("seconds").asDouble(), f.path("compositionsPerSecond").asDouble()));
    }
    md.append(String.format("| **all** | %d | %d | %d | %.1f | **%.0f** |%n%n", load.path("compositions").asLong(), load.path("committed").asLong(),
        load.path("errors").asLong(), load.path("seconds").asDouble(), load.path("compositionsPerSecond").asDouble()));
    md.append("Storage after the load: ").append(load.path("bytesPerComposition").asText("n/a")).append(" bytes per composition.\n\n");
    if (!load.path("complete").asBoolean()) {
      md.append("**The load is incomplete**: rejected by reason per file: ");
      for (JsonNode f : load.path("files")) {
        md.append(f.path("file").asText()).append(' ').append(f.path("rejectedByReason").asText()).append("; ");
      }
      md.append("\n\n");
    }
    return md.toString();
  }
}
