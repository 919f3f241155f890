package se.region.cdr.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import se.region.cdr.bench.Arguments;
import se.region.cdr.bench.corpus.CorpusFiles;
import se.region.cdr.bench.corpus.CorpusGenerator;
import se.region.cdr.bench.http.Loopback;
import se.region.cdr.bench.report.EnvironmentProbe;
import se.region.cdr.bench.report.ResultsWriter;

/**
 * The {@code query} subcommand: runs the query classes against a server that holds exactly the
 * corpus (see {@code load}), checks every answer against {@code manifest.json}, and adds {@code
 * queries} to {@code results.json} / {@code results.md} in {@code --out}.
 */
public final class QueryCommand {

  /** Where the admin EXPLAIN lives, relative to the server's root. */
  static final String EXPLAIN_PATH = "/ehrbase/rest/admin/query/explain";

  private static final Set<String> OPTIONS =
      Set.of(
          "base-url",
          "corpus",
          "out",
          "classes",
          "concurrency",
          "warmup-runs",
          "runs",
          "max-seconds-per-step",
          "seed",
          "explain-url",
          "value-indexes");

  private QueryCommand() {}

  public static void run(String[] args) throws Exception {
    Arguments arguments = Arguments.parse(args, OPTIONS);
    String baseUrl = stripSlash(arguments.required("base-url"));
    Loopback.require("base-url", baseUrl);
    String explainUrl = arguments.optional("explain-url", explainUrlOf(baseUrl));
    if (explainUrl.equals("none")) {
      explainUrl = null;
    } else {
      Loopback.require("explain-url", explainUrl);
    }
    Path corpus = Path.of(arguments.required("corpus"));
    JsonNode manifest = new ObjectMapper().readTree(corpus.resolve(CorpusFiles.MANIFEST).toFile());
    Path out = Path.of(arguments.required("out"));
    QueryOptions options =
        new QueryOptions(
            baseUrl,
            explainUrl,
            corpus,
            out,
            classes(arguments.optional("classes", "all")),
            arguments.integers("concurrency", "1,4"),
            arguments.integer("warmup-runs", 10),
            arguments.integer("runs", 50),
            Duration.ofSeconds(arguments.longValue("max-seconds-per-step", 600)),
            arguments.longValue("seed", manifest.path("seed").asLong()));
    // "declare" (default): this CDR's value indexes for the compared paths; "none" (e.g. another server)
    String valueIndexes = arguments.optional("value-indexes", "declare");
    com.fasterxml.jackson.databind.node.ArrayNode declared =
        valueIndexes.equals("none") ? null : ValueIndexDeclarations.declare(rootOf(baseUrl));
    ObjectNode queries = new QueryBenchmark(options, manifest).run();
    if (declared != null) {
      queries.set("valueIndexes", declared);
    }
    queries.put("loadNote", loadNote(out));
    ObjectNode results = new ObjectMapper().createObjectNode();
    results.put("baseUrl", baseUrl);
    results.set("corpus", corpusFacts(manifest));
    results.set("machine", EnvironmentProbe.machine());
    results.set("clientJvm", EnvironmentProbe.clientJvm());
    results.set("queries", queries);
    new ResultsWriter(out).write(results);
    System.out.println("results: " + out.resolve(ResultsWriter.MARKDOWN).toAbsolutePath());
  }

  /** {@code scheme://host:port} of the base URL plus {@link #EXPLAIN_PATH}. */
  static String explainUrlOf(String baseUrl) {
    return rootOf(baseUrl) + EXPLAIN_PATH;
  }

  /** {@code scheme://host:port} of a URL. */
  static String rootOf(String url) {
    URI base = URI.create(url);
    return base.getScheme() + "://" + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort());
  }

  /** {@code all}, or a comma-separated list of class ids such as {@code Q1,Q3a}. */
  static List<QueryClass> classes(String list) {
    if (list.equals("all")) {
      return List.of(QueryClass.values());
    }
    return Arrays.stream(list.split(",")).map(String::trim).map(QueryClass::valueOf).toList();
  }

  /**
   * Whether the server holds the whole corpus, as far as this results directory knows: the
   * manifest's answers assume it does.
   */
  private static String loadNote(Path out) {
    Path json = out.resolve(ResultsWriter.JSON);
    try {
      JsonNode load =
          Files.exists(json) ? new ObjectMapper().readTree(json.toFile()).path("load") : null;
      if (load == null || !load.isObject()) {
        return "no load in this run: the server is assumed to hold exactly this corpus";
      }
      return load.path("complete").asBoolean()
          ? "the whole corpus was loaded once"
          : "INCOMPLETE LOAD ("
              + load.path("committed").asLong()
              + " of "
              + load.path("compositions").asLong()
              + " committed, failures by template "
              + load.path("errorsByTemplate")
              + "): answers that depend on the missing"
              + " compositions cannot match";
    } catch (java.io.IOException e) {
      return "could not read " + json + ": " + e.getMessage();
    }
  }

  private static JsonNode corpusFacts(JsonNode manifest) {
    ObjectNode facts = new ObjectMapper().createObjectNode();
    for (String field :
        List.of("generator", "generatorVersion", "seed", "ehrs", "compositionsPerEhr")) {
      facts.set(field, manifest.get(field));
    }
    facts.set("counts", manifest.get("counts"));
    facts.set("shares", manifest.get("shares"));
    facts.put("harnessGeneratorVersion", CorpusGenerator.VERSION);
    return facts;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
