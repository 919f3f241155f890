package se.region.cdr.bench.write;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import se.region.cdr.bench.corpus.CorpusGenerator;
import se.region.cdr.bench.http.OpenEhrClient;
import se.region.cdr.bench.report.EnvironmentProbe;

/**
 * Runs the write classes in order and collects their results as one JSON tree: setup (templates,
 * EHRs), W1 steps and knee, storage per composition, W3 updates and storage per version, plus the
 * machine, JVM and PostgreSQL facts BENCHMARK.md asks to record.
 */
final class WriteBenchmark {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final WriteOptions options;

  WriteBenchmark(WriteOptions options) {
    this.options = requireNonNull(options, "options is null");
  }

  ObjectNode run() throws Exception {
    ObjectNode results = MAPPER.createObjectNode();
    results.put("startedAt", Instant.now().toString());
    results.put("baseUrl", options.baseUrl());
    Corpus corpus = Corpus.open(options.corpusDirectory());
    results.set("corpus", corpusFacts(corpus.manifest()));
    results.set("machine", EnvironmentProbe.machine());
    results.set("clientJvm", EnvironmentProbe.clientJvm());
    ObjectNode server = results.putObject("server");
    if (options.serverJvmFlags() != null) {
      server.put("jvmFlags", options.serverJvmFlags());
    }
    if (options.serverStartMillis() != null) {
      server.put("coldStartToHealthMs", options.serverStartMillis());
    }
    OpenEhrClient client = new OpenEhrClient(options.baseUrl());
    try (StorageProbe probe = options.hasDatabase() ? openProbe() : null) {
      if (probe != null) {
        results.set("postgres", MAPPER.valueToTree(probe.settings()));
      }
      log("setup: templates and %d EHRs", corpus.ehrCount());
      EhrSetup.Result setup = new EhrSetup(client, options.optDirectory()).run(corpus.ehrCount());
      results.set("setup", setupJson(setup));

      StorageSnapshot beforeLoad = snapshot(probe);
      long committed = runCommits(client, corpus, setup.ehrIds(), results.putObject("w1"));
      StorageSnapshot afterLoad = snapshot(probe);
      if (probe != null) {
        ObjectNode storage = results.putObject("storage");
        storage.set("afterW1", MAPPER.valueToTree(afterLoad));
        storage.set(
            "perCompositionW1", MAPPER.valueToTree(afterLoad.growthPer(beforeLoad, committed)));
      }
      runUpdates(client, corpus, setup.ehrIds(), probe, results.putObject("w3"));
    }
    if (options.serverPid() != null) {
      server.put("pid", options.serverPid());
      EnvironmentProbe.residentSetSize(options.serverPid())
          .ifPresent(rss -> server.put("rssAfterRun", rss));
    }
    results.put("finishedAt", Instant.now().toString());
    return results;
  }

  /** W1; returns the number of compositions committed, warm-up included. */
  private long runCommits(OpenEhrClient client, Corpus corpus, String[] ehrIds, ObjectNode w1)
      throws Exception {
    w1.put("stepSeconds", options.stepDuration().toSeconds());
    w1.put("warmupSeconds", options.warmup().toSeconds());
    List<CommitLoad.Step> steps = new ArrayList<>();
    long committed = 0;
    try (CommitFeed feed = new CommitFeed(corpus)) {
      CommitLoad load = new CommitLoad(client, feed, ehrIds);
      if (!options.warmup().isZero()) {
        log("W1 warm-up: 1 client, %d s", options.warmup().toSeconds());
        CommitLoad.Step warmup = load.run(1, options.warmup());
        committed += warmup.commits();
        w1.set("warmup", MAPPER.valueToTree(warmup));
      }
      for (int concurrency : options.concurrency()) {
        log("W1: %d clients, %d s", concurrency, options.stepDuration().toSeconds());
        CommitLoad.Step step = load.run(concurrency, options.stepDuration());
        log(
            "    %.1f commits/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, errors %d",
            step.commitsPerSecond(),
            step.latency().p50Ms(),
            step.latency().p95Ms(),
            step.latency().p99Ms(),
            step.errors());
        steps.add(step);
        committed += step.commits();
      }
      w1.set("steps", MAPPER.valueToTree(steps));
      CommitLoad.knee(steps)
          .ifPresentOrElse(k -> w1.set("knee", MAPPER.valueToTree(k)), () -> w1.putNull("knee"));
      w1.put("committed", committed);
      w1.put("corpusWrapped", feed.wrapped());
    }
    return committed;
  }

  private void runUpdates(
      OpenEhrClient client, Corpus corpus, String[] ehrIds, StorageProbe probe, ObjectNode w3)
      throws Exception {
    UpdateLoad updates = new UpdateLoad(client, corpus, ehrIds);
    log("W3: committing first versions of up to %d updates", options.updateCount());
    updates.prepare(options.updateCount());
    StorageSnapshot before = snapshot(probe);
    log("W3: PUT second versions, one client");
    UpdateLoad.Result result = updates.run(options.stepDuration());
    w3.setAll((ObjectNode) MAPPER.valueToTree(result));
    StorageSnapshot after = snapshot(probe);
    if (probe != null) {
      w3.set("storagePerVersion", MAPPER.valueToTree(after.growthPer(before, result.updated())));
    }
    log(
        "    %d updates, p50 %.1f ms, p99 %.1f ms, errors %d",
        result.updated(),
        result.latency().p50Ms(),
        result.latency().p99Ms(),
        result.errors() + result.prepareErrors());
  }

  private StorageSnapshot snapshot(StorageProbe probe) throws Exception {
    if (probe == null) {
      return null;
    }
    probe.vacuumAnalyze();
    return probe.measure();
  }

  private StorageProbe openProbe() throws Exception {
    return new StorageProbe(options.jdbcUrl(), options.dbUser(), options.dbPassword());
  }

  static ObjectNode setupJson(EhrSetup.Result setup) {
    ObjectNode json = MAPPER.createObjectNode();
    json.set("templates", MAPPER.valueToTree(setup.templateStatus()));
    json.put("ehrsCreated", setup.ehrsCreated());
    json.put("ehrsFound", setup.ehrsFound());
    json.put("seconds", Math.round(setup.seconds() * 100) / 100.0);
    return json;
  }

  static JsonNode corpusFacts(JsonNode manifest) {
    ObjectNode facts = MAPPER.createObjectNode();
    for (String field :
        List.of("generator", "generatorVersion", "seed", "ehrs", "compositionsPerEhr")) {
      facts.set(field, manifest.get(field));
    }
    facts.set("counts", manifest.get("counts"));
    facts.put("harnessGeneratorVersion", CorpusGenerator.VERSION);
    return facts;
  }

  private static void log(String format, Object... args) {
    System.out.printf(format + "%n", args);
  }
}
