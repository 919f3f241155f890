package se.region.cdr.bench.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest's answers equal a recount from the written files, read through the canonical JSON
 * paths a query would use, and the hit rates are near those BENCHMARK.md asks for.
 */
class ManifestTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int EHRS = 600;

  @TempDir static Path corpus;
  private static JsonNode expected;

  @BeforeAll
  static void generate() throws IOException {
    new CorpusGenerator(3, EHRS, 20, Icd10Catalogue.load()).generate(corpus);
    expected = MAPPER.readTree(corpus.resolve(CorpusFiles.MANIFEST).toFile()).get("expected");
  }

  @Test
  void systolicCountsMatchTheFiles() throws IOException {
    Map<Integer, Integer> maxByEhr = new HashMap<>();
    int[] above130 = {0};
    forEachComposition(
        CorpusTemplate.VITAL_SIGNS,
        (ehr, composition) -> {
          int systolic =
              composition
                  .at("/content/0/items/0/data/events/0/data/items/0/value/magnitude")
                  .asInt();
          maxByEhr.merge(ehr, systolic, Math::max);
          above130[0] += systolic > 130 ? 1 : 0;
        });
    assertEquals(count(maxByEhr, 180), expected.get("Q3a_ehrsSystolicAtLeast180").asInt());
    assertEquals(count(maxByEhr, 140), expected.get("Q3b_ehrsSystolicAtLeast140").asInt());
    assertEquals(above130[0], expected.get("Q6_vitalSignsCompositionsSystolicAbove130").asInt());
    assertBetween(0.50, 0.70, count(maxByEhr, 140) / (double) EHRS);
    assertBetween(0.003, 0.04, count(maxByEhr, 180) / (double) EHRS);
  }

  @Test
  void systolicMarginalIsNearTheBenchmarkDistribution() throws IOException {
    List<Integer> readings = new ArrayList<>();
    forEachComposition(
        CorpusTemplate.VITAL_SIGNS, (ehr, composition) -> readings.add(systolic(composition)));
    double mean = readings.stream().mapToInt(Integer::intValue).average().orElseThrow();
    double variance =
        readings.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / readings.size();
    assertBetween(126, 130, mean);
    assertBetween(16.5, 19.5, Math.sqrt(variance));
  }

  @Test
  void perEhrAnswersMatchTheFiles() throws IOException {
    Map<Integer, Instant> latestVitals = new HashMap<>();
    Map<Integer, Instant> latestAny = new HashMap<>();
    Map<Integer, Map<String, Integer>> templatesByEhr = new HashMap<>();
    for (CorpusTemplate template : CorpusTemplate.values()) {
      forEachComposition(
          template,
          (ehr, composition) -> {
            Instant time = startTime(composition);
            latestAny.merge(ehr, time, ManifestTest::later);
            if (template == CorpusTemplate.VITAL_SIGNS) {
              latestVitals.merge(ehr, time, ManifestTest::later);
            }
            String templateId = composition.at("/archetype_details/template_id/value").asText();
            templatesByEhr
                .computeIfAbsent(ehr, e -> new TreeMap<>())
                .merge(templateId, 1, Integer::sum);
          });
    }
    JsonNode vitals = expected.get("Q1_latestBloodPressureTimePerEhr");
    JsonNode any = expected.get("Q2_latestCompositionTimePerEhr");
    assertEquals(EHRS, vitals.size());
    Map<String, Integer> perTemplate = new TreeMap<>();
    expected
        .get("Q2_compositionsPerEhrByTemplate")
        .fields()
        .forEachRemaining(f -> perTemplate.put(f.getKey(), f.getValue().asInt()));
    for (int ehr = 0; ehr < EHRS; ehr++) {
      assertEquals(latestVitals.get(ehr).toString(), vitals.get(ehr).asText());
      assertEquals(latestAny.get(ehr).toString(), any.get(ehr).asText());
      assertEquals(perTemplate, templatesByEhr.get(ehr), "EHR " + ehr);
    }
  }

  @Test
  void wardListAndAggregatesMatchTheFiles() throws IOException {
    List<Instant> above130 = new ArrayList<>();
    List<Instant> times = new ArrayList<>();
    List<Integer> values = new ArrayList<>();
    forEachComposition(
        CorpusTemplate.VITAL_SIGNS,
        (ehr, composition) -> {
          int systolic = systolic(composition);
          Instant time = startTime(composition);
          if (systolic > 130) {
            above130.add(time);
          }
          times.add(time);
          values.add(systolic);
        });
    above130.sort(Comparator.reverseOrder());
    JsonNode ward = expected.get("Q6_wardList");
    List<String> first50 = above130.stream().limit(50).map(Instant::toString).toList();
    List<String> manifest = new ArrayList<>();
    ward.get("startTimesDescending").forEach(t -> manifest.add(t.asText()));
    assertEquals(first50, manifest);
    assertEquals(50, ward.get("rows").asInt());

    JsonNode aggregates = expected.get("Q7_systolicSince");
    assertEquals(10, aggregates.size());
    for (JsonNode aggregate : aggregates) {
      Instant since = Instant.parse(aggregate.get("since").asText());
      IntSummaryStatistics stats = new IntSummaryStatistics();
      for (int i = 0; i < times.size(); i++) {
        if (!times.get(i).isBefore(since)) {
          stats.accept(values.get(i));
        }
      }
      assertEquals(stats.getCount(), aggregate.get("count").asLong(), since.toString());
      assertEquals(stats.getSum(), aggregate.get("sum").asLong());
      assertEquals(stats.getMin(), aggregate.get("min").asInt());
      assertEquals(stats.getMax(), aggregate.get("max").asInt());
      assertEquals(stats.getAverage(), aggregate.get("avg").asDouble(), 1e-9);
    }
  }

  @Test
  void diagnosisAndHba1cCountsMatchTheFiles() throws IOException {
    Set<Integer> e11 = new HashSet<>();
    Set<Integer> i10 = new HashSet<>();
    forEachComposition(
        CorpusTemplate.PROBLEM_LIST,
        (ehr, composition) -> {
          for (JsonNode problem : composition.at("/content/0/items")) {
            String code = problem.at("/data/items/0/value/defining_code/code_string").asText();
            (code.equals("E11") ? e11 : code.equals("I10") ? i10 : new HashSet<Integer>()).add(ehr);
          }
        });
    Map<String, Set<Integer>> rare = new HashMap<>();
    expected
        .get("Q4a_ehrsByRareCode")
        .fieldNames()
        .forEachRemaining(c -> rare.put(c, new HashSet<>()));
    forEachComposition(
        CorpusTemplate.PROBLEM_LIST,
        (ehr, composition) -> {
          for (JsonNode problem : composition.at("/content/0/items")) {
            String code = problem.at("/data/items/0/value/defining_code/code_string").asText();
            if (rare.containsKey(code)) {
              rare.get(code).add(ehr);
            }
          }
        });
    assertEquals(20, rare.size());
    rare.forEach(
        (code, ehrs) ->
            assertEquals(ehrs.size(), expected.get("Q4a_ehrsByRareCode").get(code).asInt(), code));
    Set<Integer> hba1cHigh = new HashSet<>();
    forEachComposition(
        CorpusTemplate.LABORATORY_REPORT,
        (ehr, composition) -> {
          for (JsonNode test : composition.get("content")) {
            JsonNode items = test.at("/data/events/0/data/items");
            boolean hba1c =
                items.at("/0/value/defining_code/code_string").asText().equals("59261-8");
            if (hba1c && items.at("/1/items/0/items/0/value/magnitude").asDouble() > 48) {
              hba1cHigh.add(ehr);
            }
          }
        });
    assertEquals(hba1cHigh.size(), expected.get("ehrsWithHba1cAbove48").asInt());
    assertBetween(0.05, 0.11, hba1cHigh.size() / (double) EHRS);
    hba1cHigh.retainAll(e11);
    assertEquals(e11.size(), expected.get("Q4b_ehrsWithE11").asInt());
    assertEquals(i10.size(), expected.get("ehrsWithI10").asInt());
    assertEquals(hba1cHigh.size(), expected.get("Q5_ehrsWithE11AndHba1cAbove48").asInt());
    assertBetween(0.18, 0.32, i10.size() / (double) EHRS);
    assertBetween(0.06, 0.14, e11.size() / (double) EHRS);
  }

  private interface CompositionVisitor {
    void visit(int ehr, JsonNode composition);
  }

  private static void forEachComposition(CorpusTemplate template, CompositionVisitor visitor)
      throws IOException {
    Consumer<String> perLine =
        line -> {
          try {
            JsonNode record = MAPPER.readTree(line);
            visitor.visit(record.get(CorpusFiles.EHR).asInt(), record.get(CorpusFiles.COMPOSITION));
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        };
    try (var lines = Files.lines(corpus.resolve(template.fileName()))) {
      lines.forEach(perLine);
    }
  }

  private static int systolic(JsonNode composition) {
    return composition.at("/content/0/items/0/data/events/0/data/items/0/value/magnitude").asInt();
  }

  private static Instant startTime(JsonNode composition) {
    return Instant.parse(composition.at("/context/start_time/value").asText());
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static int count(Map<Integer, Integer> maxByEhr, int threshold) {
    return (int) maxByEhr.values().stream().filter(v -> v >= threshold).count();
  }

  private static void assertBetween(double low, double high, double actual) {
    assertTrue(actual >= low && actual <= high, actual + " not in [" + low + ", " + high + "]");
  }
}
