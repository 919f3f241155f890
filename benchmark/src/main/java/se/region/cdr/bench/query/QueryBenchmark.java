package se.region.cdr.bench.query;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import se.region.cdr.bench.http.HttpResult;
import se.region.cdr.bench.http.OpenEhrClient;

/**
 * Runs the query classes one after the other, each at every concurrency, then records one {@code
 * EXPLAIN (ANALYZE, BUFFERS)} per AQL class when the server offers it. Collects the {@code queries}
 * section of {@code results.json}.
 */
final class QueryBenchmark {

  static final String EXPLAIN_DIRECTORY = "explain";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final QueryOptions options;
  private final Expectations expected;
  private final OpenEhrClient client;
  private final EhrDirectory ehrs;

  QueryBenchmark(QueryOptions options, JsonNode manifest) {
    this.options = requireNonNull(options, "options is null");
    this.expected = new Expectations(manifest);
    this.client = new OpenEhrClient(options.baseUrl());
    this.ehrs = new EhrDirectory(client);
  }

  ObjectNode run() throws IOException, InterruptedException {
    ObjectNode queries = MAPPER.createObjectNode();
    queries.put("startedAt", Instant.now().toString());
    queries.put("aqlUrl", options.baseUrl() + "/query/aql");
    queries.put("explainUrl", options.explainUrl());
    queries.put("seed", options.seed());
    queries.put("warmupRuns", options.warmupRuns());
    queries.put("measuredRuns", options.runs());
    queries.set("concurrency", MAPPER.valueToTree(options.concurrency()));
    queries.put("stepLimitSeconds", options.stepLimit().toSeconds());
    ArrayNode classes = queries.putArray("classes");
    QueryLoad load = new QueryLoad(client, ehrs);
    for (QueryClass queryClass : options.classes()) {
      ObjectNode json = classes.addObject();
      json.put("id", queryClass.name());
      json.put("title", queryClass.title());
      if (queryClass.aql() != null) {
        json.put("aql", queryClass.aql());
      }
      json.put("parameters", queryClass.parameterDescription());
      List<QueryStep> steps = new ArrayList<>();
      QueryCase first = null;
      for (int concurrency : options.concurrency()) {
        SplittableRandom random = new SplittableRandom(stepSeed(queryClass, concurrency));
        List<QueryCase> warmup = draw(queryClass, random, options.warmupRuns());
        List<QueryCase> measured = draw(queryClass, random, options.runs());
        first = first == null ? measured.get(0) : first;
        resolveEhrs(warmup);
        resolveEhrs(measured);
        log("%s (%s), %d clients", queryClass, queryClass.title(), concurrency);
        QueryStep step = load.run(concurrency, warmup, measured, options.stepLimit());
        steps.add(step);
        log(
            "    %d runs, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, hits %d of %d, errors %d, %s",
            step.runs(),
            step.latency().p50Ms(),
            step.latency().p95Ms(),
            step.latency().p99Ms(),
            step.hitsGot(),
            step.hitsExpected(),
            step.errors(),
            step.ok() ? "ok" : "NOT OK" + firstSample(step));
      }
      json.set("steps", MAPPER.valueToTree(steps));
      json.set("explain", explain(queryClass, first));
    }
    queries.put("finishedAt", Instant.now().toString());
    return queries;
  }

  private List<QueryCase> draw(QueryClass queryClass, SplittableRandom random, int count) {
    List<QueryCase> cases = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      cases.add(queryClass.draw(random, expected));
    }
    return cases;
  }

  /** Looks up the EHR ids a step needs before it starts; a failure shows again in the step. */
  private void resolveEhrs(List<QueryCase> cases) throws InterruptedException {
    for (QueryCase run : cases) {
      if (run.queryClass().needsEhrId()) {
        try {
          ehrs.idOf(run.ehr());
        } catch (IOException e) {
          return;
        }
      }
    }
  }

  private long stepSeed(QueryClass queryClass, int concurrency) {
    return options.seed() * 1_000_003L + queryClass.ordinal() * 101L + concurrency;
  }

  /**
   * One EXPLAIN (ANALYZE, BUFFERS) with the parameters of the first measured run; "not available"
   * when the server has no admin endpoint (404), "not applicable" for Q9.
   */
  private ObjectNode explain(QueryClass queryClass, QueryCase run) throws InterruptedException {
    ObjectNode json = MAPPER.createObjectNode();
    if (queryClass.aql() == null) {
      json.put("status", "not applicable");
      return json;
    }
    if (options.explainUrl() == null) {
      json.put("status", "not requested");
      return json;
    }
    try {
      String ehrId = queryClass.needsEhrId() ? ehrs.idOf(run.ehr()) : null;
      json.set("parameters", MAPPER.valueToTree(run.parameters(ehrId)));
      HttpResult result =
          client.postJson(
              options.explainUrl(), QueryTexts.body(queryClass.aql(), run.parameters(ehrId)));
      if (result.status() == 404) {
        json.put("status", "not available");
        return json;
      }
      if (result.status() != 200) {
        json.put("status", "error: HTTP " + result.describe());
        return json;
      }
      JsonNode body = MAPPER.readTree(result.body());
      json.put("status", "ok");
      json.put("sql", body.path("sql").asText());
      json.put("plan", body.path("plan").asText());
      Path directory = options.outDirectory().resolve(EXPLAIN_DIRECTORY);
      Files.createDirectories(directory);
      Path file = directory.resolve(queryClass.name() + ".txt");
      Files.writeString(
          file,
          "-- "
              + queryClass.aql()
              + "\n-- parameters "
              + json.get("parameters")
              + "\n\n"
              + body.path("sql").asText()
              + "\n\n"
              + body.path("plan").asText()
              + "\n",
          StandardCharsets.UTF_8);
      json.put("file", EXPLAIN_DIRECTORY + "/" + file.getFileName());
    } catch (IOException e) {
      json.put("status", "error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    }
    return json;
  }

  private static String firstSample(QueryStep step) {
    List<String> samples =
        step.errorSamples().isEmpty() ? step.mismatchSamples() : step.errorSamples();
    return samples.isEmpty() ? "" : ": " + samples.get(0);
  }

  private static void log(String format, Object... args) {
    System.out.printf(format + "%n", args);
  }
}
