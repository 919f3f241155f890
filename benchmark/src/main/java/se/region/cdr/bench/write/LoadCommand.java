package se.region.cdr.bench.write;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import se.region.cdr.bench.Arguments;
import se.region.cdr.bench.corpus.OptFiles;
import se.region.cdr.bench.http.Loopback;
import se.region.cdr.bench.http.OpenEhrClient;
import se.region.cdr.bench.report.EnvironmentProbe;
import se.region.cdr.bench.report.ResultsWriter;

/**
 * The {@code load} subcommand: uploads the OPTs, creates the EHRs and commits every first version
 * of the corpus exactly once (the state the manifest describes, for {@code query}), then runs
 * {@code VACUUM ANALYZE} and a checkpoint when given the database. Adds {@code setup} and {@code
 * load} to {@code results.json}.
 */
public final class LoadCommand {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final Set<String> OPTIONS =
      Set.of(
          "base-url",
          "corpus",
          "out",
          "opt-dir",
          "concurrency",
          "max-seconds",
          "jdbc-url",
          "db-user",
          "db-password",
          "bulk");

  private LoadCommand() {}

  public static void run(String[] args) throws Exception {
    Arguments arguments = Arguments.parse(args, OPTIONS);
    String baseUrl = arguments.required("base-url");
    Loopback.require("base-url", baseUrl);
    Path optDirectory =
        arguments.has("opt-dir") ? Path.of(arguments.required("opt-dir")) : OptFiles.locate();
    Path out = Path.of(arguments.required("out"));
    int concurrency = arguments.integer("concurrency", 4);
    Duration limit = Duration.ofSeconds(arguments.longValue("max-seconds", 4 * 3600));
    Corpus corpus = Corpus.open(Path.of(arguments.required("corpus")));

    ObjectNode results = MAPPER.createObjectNode();
    results.put("startedAt", Instant.now().toString());
    results.put("baseUrl", baseUrl);
    results.set("corpus", WriteBenchmark.corpusFacts(corpus.manifest()));
    results.set("machine", EnvironmentProbe.machine());
    results.set("clientJvm", EnvironmentProbe.clientJvm());
    OpenEhrClient client = new OpenEhrClient(baseUrl);
    if (arguments.optional("bulk", "false").equals("true")) {
      System.out.println("load: templates, then every composition once through the bulk loader (W2)");
      results.set("templates", MAPPER.valueToTree(new EhrSetup(client, optDirectory).uploadTemplates()));
      BulkLoad.Result bulk = new BulkLoad(BulkLoad.rootOf(baseUrl)).run(corpus, limit);
      System.out.printf("    %d of %d accepted, %.1f compositions/s%n", bulk.committed(), bulk.compositions(), bulk.compositionsPerSecond());
      finish(arguments, results, MAPPER.valueToTree(bulk), bulk.committed(), out);
      return;
    }
    System.out.printf("load: templates and %d EHRs%n", corpus.ehrCount());
    EhrSetup.Result setup = new EhrSetup(client, optDirectory).run(corpus.ehrCount());
    System.out.printf("load: every composition once, %d clients%n", concurrency);
    CorpusLoad.Result load = new CorpusLoad(client, corpus, setup.ehrIds()).run(concurrency, limit);
    ObjectNode loadJson = MAPPER.valueToTree(load);
    loadJson.set("setup", WriteBenchmark.setupJson(setup));
    System.out.printf(
        "    %d of %d committed, %.1f compositions/s, errors %d%s%n",
        load.committed(),
        load.compositions(),
        load.compositionsPerSecond(),
        load.errors(),
        load.timedOut() ? " (time limit reached)" : "");
    finish(arguments, results, loadJson, load.committed(), out);
  }

  /** Storage after {@code VACUUM ANALYZE} (when given the database), then results.json and results.md. */
  private static void finish(Arguments arguments, ObjectNode results, ObjectNode loadJson, long committed, Path out) throws Exception {
    String jdbcUrl = arguments.optional("jdbc-url", null);
    if (jdbcUrl != null) {
      try (StorageProbe probe =
          new StorageProbe(
              jdbcUrl,
              arguments.optional("db-user", "postgres"),
              arguments.optional("db-password", "postgres"))) {
        results.set("postgres", MAPPER.valueToTree(probe.settings()));
        probe.vacuumAnalyze();
        StorageSnapshot after = probe.measure();
        loadJson.set("storageAfterLoad", MAPPER.valueToTree(after));
        double perComposition =
            committed == 0 ? 0 : after.totalBytes() / (double) committed;
        loadJson.put("bytesPerComposition", Math.round(perComposition));
      }
    }
    results.set("load", loadJson);
    new ResultsWriter(out).write(results);
    System.out.println("results: " + out.resolve(ResultsWriter.MARKDOWN).toAbsolutePath());
  }
}
