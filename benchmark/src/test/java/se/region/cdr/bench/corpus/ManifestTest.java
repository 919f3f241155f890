package se.region.cdr.bench.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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
    assertBetween(0.40, 0.70, count(maxByEhr, 140) / (double) EHRS);
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

  private static int count(Map<Integer, Integer> maxByEhr, int threshold) {
    return (int) maxByEhr.values().stream().filter(v -> v >= threshold).count();
  }

  private static void assertBetween(double low, double high, double actual) {
    assertTrue(actual >= low && actual <= high, actual + " not in [" + low + ", " + high + "]");
  }
}
