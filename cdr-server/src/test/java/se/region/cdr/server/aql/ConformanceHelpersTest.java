package se.region.cdr.server.aql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The parsing and substitution helpers of the AQL conformance suite; no server, no reference data. */
class ConformanceHelpersTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void csvReadsQuotedCellsWithCommasQuotesAndCrlf() {
    String text = "${path},${where},${nr_of_results}\r\n"
        + "c/uid/value,\"e/ehr_id/value matches {'${ehr_id1}', '${ehr_id2}'}\",2\r\n"
        + "\"a \"\"b\"\"\",,0\r\n"
        + "\r\n";
    List<List<String>> records = Csv.parse(text);
    assertEquals(3, records.size());
    assertEquals(List.of("${path}", "${where}", "${nr_of_results}"), records.get(0));
    assertEquals(List.of("c/uid/value", "e/ehr_id/value matches {'${ehr_id1}', '${ehr_id2}'}", "2"), records.get(1));
    assertEquals(List.of("a \"b\"", "", "0"), records.get(2));
  }

  @Test
  void robotUnescapesCellsAndTheRequestJsonUnescapesOnceMore() {
    assertEquals("'Name%_'", RobotText.cell("'Name%\\_'"));
    assertEquals("\"Lorem ipsum\"", RobotText.cell("\\\"Lorem ipsum\\\""));
    assertEquals("'Name\\\\*'", RobotText.cell("'Name\\\\\\\\*'"));
    assertEquals("'Name\\*'", RobotText.inJsonString(RobotText.cell("'Name\\\\\\\\*'")));
    assertEquals("a\nb", RobotText.cell("a\\nb"));
  }

  @Test
  void csvRejectsAnUnterminatedQuote() {
    assertThrows(IllegalArgumentException.class, () -> Csv.parse("a,\"b\n"));
  }

  @Test
  void placeholdersResolveChainsEmptyAndLeaveUnknownNames() {
    Map<String, String> vars = Map.of("where", "e/ehr_id/value = '${ehr_id1}'", "ehr_id1", "abc");
    assertEquals("SELECT e FROM EHR e WHERE e/ehr_id/value = 'abc'",
        Placeholders.substitute("SELECT e FROM EHR e WHERE ${where}", vars));
    assertEquals("x", Placeholders.substitute("x${EMPTY}", vars));
    assertEquals("${nope} abc", Placeholders.substitute("${nope} ${ehr_id1}", vars));
    assertEquals(Set.of("nope"), Placeholders.unresolved("${nope} abc"));
    assertEquals("$1 \\ abc", Placeholders.substitute("$1 \\ ${ehr_id1}", vars));
  }

  @Test
  void placeholdersInJsonOnlyTouchStringValues() throws Exception {
    JsonNode raw = JSON.readTree("{\"rows\":[[\"${c_uid1}::${system_id_with_tenant}::1\", 20, {\"${k}\": \"${k}\"}]]}");
    JsonNode filled = Placeholders.substitute(raw, Map.of("c_uid1", "u", "system_id_with_tenant", "sys", "k", "v"));
    assertEquals(JSON.readTree("{\"rows\":[[\"u::sys::1\", 20, {\"${k}\": \"v\"}]]}"), filled);
  }

  @Test
  void comparatorIgnoresRowOrderUnlessOrdered() throws Exception {
    JsonNode expected = JSON.readTree("{\"columns\":[{\"path\":\"c/name/value\",\"name\":\"#0\"}],\"rows\":[[\"a\"],[\"b\"]]}");
    JsonNode swapped = JSON.readTree("{\"meta\":{},\"q\":\"x\",\"columns\":[{\"path\":\"c/name/value\",\"name\":\"#0\"}],\"rows\":[[\"b\"],[\"a\"]]}");
    assertEquals(List.of(), ResultSetComparator.differences(expected, swapped, ResultSetComparator.Options.UNORDERED));
    List<String> ordered = ResultSetComparator.differences(expected, swapped, new ResultSetComparator.Options(true, Set.of()));
    assertEquals(2, ordered.size(), ordered.toString());
  }

  @Test
  void comparatorKeepsOrderOnlyForTheOrderedPart() throws Exception {
    JsonNode expected = JSON.readTree("{\"rows\":[[1],[2],[\"x\"],[\"y\"]]}");
    JsonNode tiesSwapped = JSON.readTree("{\"rows\":[[1],[2],[\"y\"],[\"x\"]]}");
    JsonNode orderedSwapped = JSON.readTree("{\"rows\":[[2],[1],[\"x\"],[\"y\"]]}");
    assertEquals(List.of(), ResultSetComparator.differences(expected, tiesSwapped, new ResultSetComparator.Options(true, Set.of(), 2)));
    assertEquals(2, ResultSetComparator.differences(expected, orderedSwapped, new ResultSetComparator.Options(true, Set.of(), 2)).size());
    assertEquals(2, ResultSetComparator.differences(expected, tiesSwapped, new ResultSetComparator.Options(true, Set.of())).size());
  }

  @Test
  void comparatorCountsDuplicateRowsAndReportsMissingAndUnexpected() throws Exception {
    JsonNode expected = JSON.readTree("{\"rows\":[[\"a\"],[\"a\"]]}");
    JsonNode actual = JSON.readTree("{\"rows\":[[\"a\"],[\"b\"]]}");
    List<String> d = ResultSetComparator.differences(expected, actual, ResultSetComparator.Options.UNORDERED);
    assertEquals(List.of("missing row [\"a\"]", "unexpected row [\"b\"]"), d);
  }

  @Test
  void comparatorChecksColumnNamesAndPathsInOrder() throws Exception {
    JsonNode expected = JSON.readTree("{\"columns\":[{\"path\":\"c\",\"name\":\"full\"}],\"rows\":[]}");
    JsonNode wrongName = JSON.readTree("{\"columns\":[{\"path\":\"c\",\"name\":\"#0\"}],\"rows\":[]}");
    JsonNode noColumns = JSON.readTree("{\"rows\":[]}");
    assertEquals(List.of("columns[0].name: expected \"full\" but got \"#0\""),
        ResultSetComparator.differences(expected, wrongName, ResultSetComparator.Options.UNORDERED));
    assertEquals(1, ResultSetComparator.differences(expected, noColumns, ResultSetComparator.Options.UNORDERED).size());
    // an expected set without columns (count-only cases) does not check them
    assertEquals(List.of(), ResultSetComparator.differences(JSON.readTree("{\"rows\":[]}"), wrongName,
        ResultSetComparator.Options.UNORDERED));
  }

  @Test
  void valuesCompareNumbersByValueStringsIgnoringCaseAndNestedArraysAsMultisets() throws Exception {
    assertTrue(ResultSetComparator.same(JSON.readTree("20"), JSON.readTree("20.0"), Set.of()));
    assertTrue(ResultSetComparator.same(JSON.readTree("\"Lorem\""), JSON.readTree("\"lorem\""), Set.of()));
    assertFalse(ResultSetComparator.same(JSON.readTree("\"20\""), JSON.readTree("20"), Set.of()));
    assertTrue(ResultSetComparator.same(JSON.readTree("{\"a\":[1,2],\"b\":null}"), JSON.readTree("{\"b\":null,\"a\":[2,1]}"), Set.of()));
    assertFalse(ResultSetComparator.same(JSON.readTree("{\"a\":1}"), JSON.readTree("{\"a\":1,\"b\":2}"), Set.of()));
    assertFalse(ResultSetComparator.same(JSON.readTree("[1,1]"), JSON.readTree("[1,2]"), Set.of()));
    assertTrue(ResultSetComparator.same(JSON.readTree("{\"_type\":\"DV_TEXT\",\"value\":\"x\"}"), JSON.readTree("{\"value\":\"x\"}"), Set.of()));
    assertFalse(ResultSetComparator.same(JSON.readTree("{\"_type\":\"DV_TEXT\",\"value\":\"x\"}"),
        JSON.readTree("{\"_type\":\"DV_CODED_TEXT\",\"value\":\"x\"}"), Set.of()));
  }

  @Test
  void ignoredCellKeysApplyOnlyToTheTopObjectOfACell() throws Exception {
    JsonNode expected = JSON.readTree("{\"rows\":[[{\"_type\":\"OBSERVATION\",\"uid\":{\"value\":\"x\"},\"data\":{\"uid\":1}}]]}");
    JsonNode actual = JSON.readTree("{\"rows\":[[{\"_type\":\"OBSERVATION\",\"uid\":{\"value\":\"y\"},\"data\":{\"uid\":1}}]]}");
    JsonNode nestedDiffers = JSON.readTree("{\"rows\":[[{\"_type\":\"OBSERVATION\",\"data\":{\"uid\":2}}]]}");
    ResultSetComparator.Options ignoreUid = new ResultSetComparator.Options(false, Set.of("uid"));
    assertEquals(List.of(), ResultSetComparator.differences(expected, actual, ignoreUid));
    assertEquals(2, ResultSetComparator.differences(expected, nestedDiffers, ignoreUid).size());
    assertEquals(2, ResultSetComparator.differences(expected, actual, ResultSetComparator.Options.UNORDERED).size());
  }

  @Test
  void reasonListMatchesExactIdsAndPrefixesAndFindsOrphans() {
    ReasonList list = ReasonList.parse("# comment\nwhere/a:1 | one\nfrom/b_ent:* | enterprise\n", "t");
    assertEquals("one", list.reason("where/a:1"));
    assertEquals("enterprise", list.reason("from/b_ent:7"));
    assertNull(list.reason("where/a:2"));
    assertEquals(List.of("from/b_ent:*"), list.orphans(List.of("where/a:1", "from/b:1")));
    assertThrows(IllegalArgumentException.class, () -> ReasonList.parse("no bar here", "t"));
  }

  @Test
  void sectionsKeepOrderRepeatsAndContinuationLines() {
    Map<String, List<Sections.Entry>> s = Sections.parse(
        "# c\n[a]\nehr = x\ncomposition = c1 f.json\ncomposition = c2 f.json\n[b]\nquery = SELECT\n  FROM EHR e\n", "t");
    assertEquals(List.of("a", "b"), List.copyOf(s.keySet()));
    assertEquals(3, s.get("a").size());
    assertEquals("c2 f.json", Sections.value(s.get("a"), "composition", null));
    assertEquals("SELECT FROM EHR e", Sections.value(s.get("b"), "query", null));
    assertThrows(IllegalArgumentException.class, () -> Sections.parse("key = outside a section\n", "t"));
  }

  @Test
  void tableIdsMapToTheirCsvAndCellsToRequestValues() {
    assertEquals("where/combinations/single_and_or.csv", ConformanceCatalog.csvPath("where/single_and_or"));
    assertEquals("external/numeric/combinations/numeric_count.csv", ConformanceCatalog.csvPath("external/numeric/numeric_count"));
    assertEquals("path", ConformanceCatalog.columnName(" ${path} "));
    assertTrue(AqlCaseRunner.literal("\"Lorem ipsum\"").isTextual());
    assertTrue(AqlCaseRunner.literal("20").isNumber());
    assertTrue(AqlCaseRunner.literal("true").isBoolean());
    assertEquals("2022-02-03T04:05:06", AqlCaseRunner.literal("2022-02-03T04:05:06").asText());
  }

  @Test
  void requestBodyCarriesParametersOffsetAndFetch() {
    AqlCase c = new AqlCase("parameter/p:1", "PARAMETER", "f", "SELECT x WHERE x = $param", Map.of("value", "25"), null, null,
        null, Map.of("param", "${value}"), "${offset}", "${limit}", Set.of(), false, false);
    JsonNode body = AqlCaseRunner.requestBody(c, Map.of("value", "25", "offset", "NULL", "limit", "4"), "SELECT x WHERE x = $param");
    assertEquals(25, body.path("query_parameters").path("param").asInt());
    assertFalse(body.has("offset"));
    assertEquals(4, body.path("fetch").asInt());
  }
}
