package se.region.cdr.server.aql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;
import se.region.cdr.server.Api;
import se.region.cdr.server.KnownFailures;

/**
 * The EHRbase AQL conformance suite, re-created from its data: every row of the robot tests' CSV
 * tables under {@code aql/fields_and_results} (and the single expected files named in {@code
 * tables.txt}) is one case, run with {@code POST /query/aql} against the test server and compared
 * with the expected ResultSet by {@link ResultSetComparator} (rows in any order except in the ORDER
 * BY suites). How cases and data sets are derived: {@link ConformanceCatalog}, {@link Fixtures}.
 *
 * <p>Cases run grouped by data set: the group's first test ({@code load:<fixture>}) empties the
 * server of EHRs and loads the set through the REST API (upload OPTs, create EHRs, commit
 * compositions), once per JVM; its cases follow. A data set marked {@code unloadable} in {@code
 * fixtures.txt} (the reference data cannot provide it) must fail to load: its load test is skipped
 * with the reason (and fails if the set loads after all); its cases run against what did load, and
 * those whose expected rows need the rest are listed in {@code unsupported.txt}.
 *
 * <p>Outcomes: a case listed in {@code aql-conformance/unsupported.txt} is skipped with its reason;
 * one listed in {@code known-failures/AqlConformanceIT.txt} must fail (see {@link KnownFailures});
 * any other must pass. The summary per clause is printed after the run.
 *
 * <p>Regenerate the known-failures list from the actual results (every case runs, none fails the
 * build, the file is rewritten with each failing case and the first line of its failure, or "AQL
 * endpoint not built yet" where the endpoint answered 404; reasons that should last belong in
 * {@code unsupported.txt}):
 *
 * <pre>
 * mvn -B verify -pl cdr-server -am -Dit.test=AqlConformanceIT -Dtest=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Daql.conformance.record=true
 * </pre>
 */
class AqlConformanceIT {
  private static final String SUITE = "AqlConformanceIT";
  private static final String DATA_LOAD = "DATA LOAD";
  private static final String NOT_BUILT = "AQL endpoint not built yet";
  private static final boolean RECORD = Boolean.getBoolean("aql.conformance.record");
  private static final Path ROOT = Api.TEST_DATA.resolve("aql/fields_and_results");

  private static final Fixtures FIXTURES = Fixtures.load();
  private static final ConformanceCatalog CATALOG = ConformanceCatalog.load(ROOT, FIXTURES.names());
  private static final KnownFailures KNOWN = KnownFailures.load(SUITE);
  private static final ReasonList UNSUPPORTED =
      ReasonList.parse(ConformanceCatalog.resource("/aql-conformance/unsupported.txt"), "unsupported.txt");

  private static final Map<String, Fixtures.Loaded> LOADED = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> PASSED = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> UNSUPPORTED_COUNT = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> NO_EXPECTED = new ConcurrentHashMap<>();
  /** Record mode: failing case to reason. */
  private static final Map<String, String> RECORDED = new ConcurrentHashMap<>();

  @TestFactory
  Stream<DynamicNode> conformance() {
    Map<String, List<AqlCase>> byFixture = new LinkedHashMap<>();
    CATALOG.cases().forEach(c -> byFixture.computeIfAbsent(c.fixture(), f -> new ArrayList<>()).add(c));
    return byFixture.entrySet().stream().map(group -> dynamicContainer("fixture " + group.getKey(),
        Stream.concat(Stream.of(loadTest(group.getKey())), group.getValue().stream().map(AqlConformanceIT::caseTest))));
  }

  @Test
  void catalogIsComplete() {
    assertEquals(List.of(), CATALOG.problems(), "tables.txt, fixtures.txt and the reference data disagree");
  }

  @Test
  void listsNameOnlyExistingCases() {
    List<String> ids = new ArrayList<>(CATALOG.cases().stream().map(AqlCase::id).toList());
    assertEquals(List.of(), UNSUPPORTED.orphans(ids), "aql-conformance/unsupported.txt names cases that do not exist");
    if (!RECORD) {
      FIXTURES.names().forEach(f -> ids.add(loadId(f)));
      assertEquals(List.of(), KNOWN.orphans(ids), "known-failures/" + SUITE + ".txt names cases that do not exist");
    }
  }

  private static String loadId(String fixture) {
    return "load:" + fixture;
  }

  private static DynamicTest loadTest(String fixture) {
    return wrap(DATA_LOAD, loadId(fixture), () -> {
      Fixtures.Loaded loaded = FIXTURES.load(fixture);
      LOADED.put(fixture, loaded);
      String unloadable = FIXTURES.unloadable(fixture);
      if (unloadable != null) {
        if (loaded.failures().isEmpty()) {
          throw new AssertionError(fixture + " is marked unloadable in fixtures.txt (" + unloadable + ") but loads: remove the mark");
        }
        throw KnownFailures.skip("data set " + fixture + " cannot be loaded from the reference data: " + unloadable + " (failed: "
            + String.join("; ", loaded.failures()) + ")");
      }
      if (!loaded.failures().isEmpty()) {
        throw new AssertionError("loading " + fixture + ": " + String.join("; ", loaded.failures()));
      }
      return KnownFailures.ACCEPTED;
    });
  }

  private static DynamicTest caseTest(AqlCase c) {
    String unsupported = UNSUPPORTED.reason(c.id());
    if (unsupported != null) {
      return dynamicTest(c.id(), () -> {
        UNSUPPORTED_COUNT.computeIfAbsent(c.clause(), k -> new AtomicInteger()).incrementAndGet();
        Assumptions.abort("unsupported: " + unsupported);
      });
    }
    return wrap(c.clause(), c.id(), () -> {
      Fixtures.Loaded loaded = LOADED.get(c.fixture());
      if (loaded == null) {
        throw new AssertionError("fixture " + c.fixture() + " was not loaded");
      }
      try {
        new AqlCaseRunner(loaded.variables()).run(c);
      } catch (TestAbortedException e) {
        NO_EXPECTED.computeIfAbsent(c.clause(), k -> new AtomicInteger()).incrementAndGet();
        throw e;
      }
      PASSED.computeIfAbsent(c.clause(), k -> new AtomicInteger()).incrementAndGet();
      return KnownFailures.ACCEPTED;
    });
  }

  /** Under the known-failures list, or in record mode: run, remember a failure, never fail. */
  private static DynamicTest wrap(String source, String id, KnownFailures.Case body) {
    if (!RECORD) {
      return KNOWN.test(source, id, body);
    }
    return dynamicTest(id, () -> {
      try {
        body.run();
      } catch (TestAbortedException e) {
        throw e;
      } catch (Throwable e) {
        RECORDED.put(id, reason(id, e));
        DETAILS.put(id, String.valueOf(e.getMessage()));
        Assumptions.abort("recorded as known failure: " + RECORDED.get(id));
      }
    });
  }

  private static String reason(String id, Throwable e) {
    String message = KnownFailures.firstLine(e.getMessage());
    if (message.startsWith(AqlCaseRunner.HTTP_404)) {
      return NOT_BUILT;
    }
    message = message.replace(" | ", " / ");
    return message.length() <= 300 ? message : message.substring(0, 300) + "...";
  }

  @AfterAll
  static void summary() throws IOException {
    Map<String, Integer> total = new TreeMap<>();
    CATALOG.cases().forEach(c -> total.merge(c.clause(), 1, Integer::sum));
    int all = total.values().stream().mapToInt(Integer::intValue).sum();
    int passed = PASSED.values().stream().mapToInt(AtomicInteger::get).sum();
    StringBuilder b = new StringBuilder("AQL conformance: " + passed + " of " + all + " cases pass");
    total.forEach((clause, n) -> b.append(String.format(
        "%n  %-10s %4d / %4d passed, %4d unsupported, %4d without an expected result in the reference data", clause,
        count(PASSED, clause), n, count(UNSUPPORTED_COUNT, clause), count(NO_EXPECTED, clause))));
    List<Path> unused = CATALOG.unusedExpectedFiles();
    b.append(String.format("%n  expected files no case uses yet (robot suites not restated in tables.txt): %d", unused.size()));
    unused.forEach(f -> b.append(String.format("%n    %s%s", ROOT.relativize(f), f.toFile().length() == 0 ? " (empty)" : "")));
    System.out.println(b);
    if (!RECORD) {
      System.out.println(KNOWN.summary());
    } else {
      writeKnownFailures();
    }
    Fixtures.deleteAllEhrs();
  }

  private static int count(Map<String, AtomicInteger> m, String clause) {
    AtomicInteger n = m.get(clause);
    return n == null ? 0 : n.get();
  }

  private static final Map<String, String> DETAILS = new java.util.concurrent.ConcurrentHashMap<>();

  private static void writeKnownFailures() throws IOException {
    Path file = Path.of(System.getProperty("basedir", "")).toAbsolutePath()
        .resolve("src/test/resources/known-failures/" + SUITE + ".txt");
    if (!Files.isDirectory(file.getParent())) {
      throw new IllegalStateException("record mode: " + file.getParent() + " not found (run from the cdr-server module)");
    }
    StringBuilder b = new StringBuilder()
        .append("# AqlConformanceIT: cases that fail for now (see the IT's javadoc).\n")
        .append("# Generated by -Daql.conformance.record=true; regenerate rather than edit by hand.\n");
    new TreeMap<>(RECORDED).forEach((id, reason) -> b.append(id).append(" | ").append(reason).append('\n'));
    Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    StringBuilder details = new StringBuilder();
    new TreeMap<>(DETAILS).forEach((id, message) -> details.append("== ").append(id).append('\n').append(message).append('\n'));
    Files.writeString(file.getParent().getParent().getParent().getParent().getParent().resolve("target/aql-conformance-failures.txt"),
        details.toString(), StandardCharsets.UTF_8); // full messages, for whoever works through the list
    System.out.println(SUITE + ": recorded " + RECORDED.size() + " known failures in " + file);
  }

  static JsonNode parse(String json) {
    try {
      return Api.JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
