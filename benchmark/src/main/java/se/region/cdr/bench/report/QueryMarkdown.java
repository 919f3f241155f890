package se.region.cdr.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Markdown of the query classes: one row per class and concurrency, then errors and plans. */
final class QueryMarkdown {

  private QueryMarkdown() {}

  static String markdown(JsonNode queries) {
    if (!queries.isObject()) {
      return "";
    }
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            "## Queries: %d warm-up + %d measured runs per step, random parameters (seed %s)%n%n",
            queries.path("warmupRuns").asInt(),
            queries.path("measuredRuns").asInt(),
            queries.path("seed").asText()));
    md.append("Load: ").append(queries.path("loadNote").asText("unknown")).append(".\n");
    md.append("Hits are summed over the measured runs; ok = every run answered, without errors")
        .append(" and with the manifest's answer.\n\n");
    md.append("| class | concurrency | runs | p50 ms | p95 ms | p99 ms | hits expected |")
        .append(" hits got | ok |\n|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
    Map<String, List<String>> problems = new LinkedHashMap<>();
    StringBuilder plans = new StringBuilder();
    for (JsonNode queryClass : queries.path("classes")) {
      String id = queryClass.path("id").asText();
      for (JsonNode step : queryClass.path("steps")) {
        JsonNode latency = step.path("latency");
        boolean ok = step.path("ok").asBoolean();
        boolean measured = step.path("runs").asInt() > 0;
        md.append(
            String.format(
                "| %s | %d | %d/%d | %s | %s | %s | %s | %s | %s |%n",
                id,
                step.path("concurrency").asInt(),
                step.path("runs").asInt(),
                step.path("plannedRuns").asInt(),
                measured ? ms(latency.path("p50Ms")) : "–",
                measured ? ms(latency.path("p95Ms")) : "–",
                measured ? ms(latency.path("p99Ms")) : "–",
                measured ? step.path("hitsExpected").asText() : "–",
                measured ? step.path("hitsGot").asText() : "–",
                ok ? "ok" : "**no**"));
        if (!ok) {
          problems
              .computeIfAbsent(problem(step), p -> new ArrayList<>())
              .add(id + " at " + step.path("concurrency").asInt());
        }
      }
      JsonNode explain = queryClass.path("explain");
      plans
          .append(id)
          .append(": ")
          .append(explain.path("status").asText("n/a"))
          .append(explain.has("file") ? " (`" + explain.path("file").asText() + "`)" : "")
          .append("; ");
    }
    if (!problems.isEmpty()) {
      md.append("\nNot ok (class at concurrency):\n\n");
      problems.forEach(
          (problem, steps) ->
              md.append("- ").append(String.join(", ", steps)).append(": ").append(problem));
    }
    if (!plans.isEmpty()) {
      md.append("\nEXPLAIN (ANALYZE, BUFFERS): ")
          .append(plans, 0, plans.length() - 2)
          .append(".\n");
    }
    return md.append('\n').toString();
  }

  private static String ms(JsonNode value) {
    return String.format("%.1f", value.asDouble());
  }

  /** What went wrong in a step, without naming it, so equal problems can share a line. */
  private static String problem(JsonNode step) {
    StringBuilder line = new StringBuilder();
    line.append(step.path("errors").asLong()).append(" errors, ");
    line.append(step.path("mismatches").asLong()).append(" wrong answers");
    if (step.path("timedOut").asBoolean()) {
      line.append(", step time limit reached");
    }
    JsonNode samples =
        step.path("errorSamples").isEmpty()
            ? step.path("mismatchSamples")
            : step.path("errorSamples");
    if (!samples.isEmpty()) {
      line.append("; first: `").append(Markdown.cell(samples.get(0).asText())).append('`');
    }
    return line.append('\n').toString();
  }
}
