package se.region.cdr.bench.report;

import com.fasterxml.jackson.databind.JsonNode;

/** The Markdown of the write classes: W1 steps and knee, W3, storage growth. */
final class WriteMarkdown {

  private WriteMarkdown() {}

  /** W1, W3 and storage; empty when the run has no W1. */
  static String markdown(JsonNode r) {
    JsonNode w1 = r.path("w1");
    if (!w1.isObject()) {
      return "";
    }
    StringBuilder md = new StringBuilder();
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
