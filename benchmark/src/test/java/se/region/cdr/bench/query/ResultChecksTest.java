package se.region.cdr.bench.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Result sets are checked against the manifest: counts, order, latest time, aggregates. */
class ResultChecksTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void countComparesTheSingleCell() throws Exception {
    QueryCase run = new QueryCase(QueryClass.Q3a, -1, Map.of(), 14, null);
    assertTrue(QueryClass.Q3a.check(run, result("[[14]]")).ok());
    Outcome wrong = QueryClass.Q3a.check(run, result("[[13]]"));
    assertEquals(13, wrong.hits());
    assertEquals("expected 14 hits, got 13", wrong.mismatch());
    assertEquals(0, QueryClass.Q3a.check(run, result("[]")).hits());
  }

  @Test
  void latestVitalsNeedOrderAndTheLatestTime() throws Exception {
    QueryCase run =
        new QueryCase(QueryClass.Q1, 3, Map.of(), 3, TextNode.valueOf("2024-05-01T10:00:00Z"));
    String rows =
        "[[\"2024-05-01T10:00:00.000Z\",120,80],[\"2023-01-01T00:00:00+00:00\",130,85],"
            + "[\"2019-01-01T00:00:00Z\",110,70]]";
    assertTrue(QueryClass.Q1.check(run, result(rows)).ok());
    String unordered =
        "[[\"2023-01-01T00:00:00Z\",130,85],[\"2024-05-01T10:00:00Z\",120,80],"
            + "[\"2019-01-01T00:00:00Z\",110,70]]";
    assertTrue(QueryClass.Q1.check(run, result(unordered)).mismatch().contains("descending"));
    QueryCase otherEhr =
        new QueryCase(QueryClass.Q1, 3, Map.of(), 3, TextNode.valueOf("2024-06-01T10:00:00Z"));
    assertTrue(QueryClass.Q1.check(otherEhr, result(rows)).mismatch().contains("latest time"));
  }

  @Test
  void compositionIndexChecksTemplates() throws Exception {
    JsonNode detail =
        MAPPER.readTree("{\"latest\":\"2024-01-01T00:00:00Z\",\"byTemplate\":{\"A\":1,\"B\":1}}");
    QueryCase run = new QueryCase(QueryClass.Q2, 0, Map.of(), 2, detail);
    assertTrue(
        QueryClass.Q2
            .check(
                run,
                result(
                    "[[\"u1\",\"A\",\"2024-01-01T00:00:00Z\"],[\"u2\",\"B\",\"2020-01-01T00:00:00Z\"]]"))
            .ok());
    assertTrue(
        QueryClass.Q2
            .check(
                run,
                result(
                    "[[\"u1\",\"A\",\"2024-01-01T00:00:00Z\"],[\"u2\",\"A\",\"2020-01-01T00:00:00Z\"]]"))
            .mismatch()
            .contains("per template"));
  }

  @Test
  void wardListComparesStartTimesInOrder() throws Exception {
    JsonNode times = MAPPER.readTree("[\"2024-12-31T00:00:00Z\",\"2024-12-30T00:00:00Z\"]");
    QueryCase run = new QueryCase(QueryClass.Q6, -1, Map.of(), 2, times);
    assertTrue(
        QueryClass.Q6
            .check(
                run,
                result(
                    "[[\"e\",\"u\",\"2024-12-31T00:00:00Z\",140],[\"e\",\"u\",\"2024-12-30T00:00:00.000Z\",131]]"))
            .ok());
    assertTrue(
        QueryClass.Q6
            .check(
                run,
                result(
                    "[[\"e\",\"u\",\"2024-12-31T00:00:00Z\",140],[\"e\",\"u\",\"2024-12-29T00:00:00Z\",131]]"))
            .mismatch()
            .startsWith("row 1"));
  }

  @Test
  void aggregateAllowsFloatingPointAverage() throws Exception {
    JsonNode expected =
        MAPPER.readTree(
            "{\"count\":3,\"sum\":400,\"avg\":133.33333333333334,\"min\":120,\"max\":150}");
    QueryCase run = new QueryCase(QueryClass.Q7, -1, Map.of("since", "x"), 3, expected);
    assertTrue(QueryClass.Q7.check(run, result("[[3,133.3333333333,120,150]]")).ok());
    assertTrue(QueryClass.Q7.check(run, result("[[3,133.3333333333,120.0,150.0]]")).ok());
    assertTrue(QueryClass.Q7.check(run, result("[[3,133.4,120,150]]")).mismatch().contains("avg"));
    assertEquals(4, QueryClass.Q7.check(run, result("[[4,133.3,120,150]]")).hits());
  }

  @Test
  void instantsParseWithAndWithoutOffset() {
    Instant expected = Instant.parse("2023-05-04T10:00:00Z");
    assertEquals(expected, ResultChecks.instant(TextNode.valueOf("2023-05-04T10:00:00Z")));
    assertEquals(expected, ResultChecks.instant(TextNode.valueOf("2023-05-04T12:00:00+02:00")));
    assertEquals(expected, ResultChecks.instant(TextNode.valueOf("2023-05-04T10:00:00.000")));
    assertNull(ResultChecks.instant(TextNode.valueOf("yesterday")));
  }

  private static AqlResult result(String rows) throws Exception {
    return AqlResult.parse("{\"q\":\"...\",\"columns\":[],\"rows\":" + rows + "}");
  }
}
