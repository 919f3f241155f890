package se.region.cdr.bench.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.region.cdr.bench.corpus.CorpusFiles;
import se.region.cdr.bench.corpus.CorpusGenerator;
import se.region.cdr.bench.corpus.CorpusTemplate;
import se.region.cdr.bench.corpus.Icd10Catalogue;

/**
 * The cases the query classes draw carry the answers a correct server gives for the generated
 * corpus, recomputed here from the corpus files without the generator's tally.
 */
class QueryCasesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int EHRS = 150;

  @TempDir static Path corpus;
  private static Expectations expected;

  @BeforeAll
  static void generate() throws IOException {
    new CorpusGenerator(9, EHRS, 20, Icd10Catalogue.load()).generate(corpus);
    expected = new Expectations(MAPPER.readTree(corpus.resolve(CorpusFiles.MANIFEST).toFile()));
  }

  @Test
  void onePatientCasesMatchTheFiles() throws IOException {
    Map<Integer, Instant> latestVitals = new HashMap<>();
    Map<Integer, Integer> vitalsCount = new HashMap<>();
    Map<Integer, Integer> compositions = new HashMap<>();
    for (CorpusTemplate template : CorpusTemplate.values()) {
      forEach(
          template,
          (ehr, composition) -> {
            compositions.merge(ehr, 1, Integer::sum);
            if (template == CorpusTemplate.VITAL_SIGNS) {
              Instant time = Instant.parse(composition.at("/context/start_time/value").asText());
              latestVitals.merge(ehr, time, (a, b) -> a.isAfter(b) ? a : b);
              vitalsCount.merge(ehr, 1, Integer::sum);
            }
          });
    }
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 40; i++) {
      QueryCase q1 = QueryClass.Q1.draw(random, expected);
      assertEquals(Math.min(10, vitalsCount.get(q1.ehr())), q1.expectedHits());
      assertEquals(latestVitals.get(q1.ehr()).toString(), q1.detail().asText());
      QueryCase q2 = QueryClass.Q2.draw(random, expected);
      assertEquals(compositions.get(q2.ehr()).longValue(), q2.expectedHits());
    }
  }

  @Test
  void codeCasesMatchTheFiles() throws IOException {
    Map<String, Set<Integer>> ehrsByCode = new HashMap<>();
    forEach(
        CorpusTemplate.PROBLEM_LIST,
        (ehr, composition) -> {
          for (JsonNode problem : composition.at("/content/0/items")) {
            String code = problem.at("/data/items/0/value/defining_code/code_string").asText();
            ehrsByCode.computeIfAbsent(code, c -> new HashSet<>()).add(ehr);
          }
        });
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < 40; i++) {
      QueryCase q4a = QueryClass.Q4a.draw(random, expected);
      String code = (String) q4a.parameters().get("code");
      assertEquals(ehrsByCode.getOrDefault(code, Set.of()).size(), q4a.expectedHits(), code);
    }
    QueryCase q4b = QueryClass.Q4b.draw(random, expected);
    assertEquals(Map.of("code", "E11"), q4b.parameters());
    assertEquals(ehrsByCode.get("E11").size(), q4b.expectedHits());
  }

  @Test
  void aggregateCasesMatchTheFiles() throws IOException {
    List<long[]> readings = new java.util.ArrayList<>();
    forEach(
        CorpusTemplate.VITAL_SIGNS,
        (ehr, composition) ->
            readings.add(
                new long[] {
                  Instant.parse(composition.at("/context/start_time/value").asText())
                      .getEpochSecond(),
                  composition
                      .at("/content/0/items/0/data/events/0/data/items/0/value/magnitude")
                      .asLong()
                }));
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 20; i++) {
      QueryCase q7 = QueryClass.Q7.draw(random, expected);
      long since = Instant.parse((String) q7.parameters().get("since")).getEpochSecond();
      long count = readings.stream().filter(r -> r[0] >= since).count();
      long max = readings.stream().filter(r -> r[0] >= since).mapToLong(r -> r[1]).max().orElse(0);
      assertEquals(count, q7.expectedHits());
      assertEquals(max, q7.detail().path("max").asLong());
    }
  }

  @Test
  void sameSeedDrawsTheSameCases() {
    for (QueryClass queryClass : QueryClass.values()) {
      SplittableRandom a = new SplittableRandom(42);
      SplittableRandom b = new SplittableRandom(42);
      for (int i = 0; i < 10; i++) {
        QueryCase first = queryClass.draw(a, expected);
        QueryCase second = queryClass.draw(b, expected);
        assertEquals(first.ehr(), second.ehr());
        assertEquals(first.parameters(), second.parameters());
        assertEquals(first.expectedHits(), second.expectedHits());
      }
    }
  }

  @Test
  void populationCasesUseTheManifest() {
    SplittableRandom random = new SplittableRandom(4);
    assertEquals(
        expected.systolicAtLeast180(), QueryClass.Q3a.draw(random, expected).expectedHits());
    assertEquals(
        expected.systolicAtLeast140(), QueryClass.Q3b.draw(random, expected).expectedHits());
    assertEquals(
        expected.ehrsWithE11AndHba1cAbove48(), QueryClass.Q5.draw(random, expected).expectedHits());
    QueryCase q6 = QueryClass.Q6.draw(random, expected);
    assertEquals(50, q6.expectedHits());
    assertEquals(50, q6.detail().size());
    assertTrue(q6.parameters().isEmpty());
  }

  private static void forEach(CorpusTemplate template, BiConsumer<Integer, JsonNode> visitor)
      throws IOException {
    try (var lines = Files.lines(corpus.resolve(template.fileName()))) {
      lines.forEach(
          line -> {
            try {
              JsonNode record = MAPPER.readTree(line);
              visitor.accept(
                  record.get(CorpusFiles.EHR).asInt(), record.get(CorpusFiles.COMPOSITION));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
  }
}
