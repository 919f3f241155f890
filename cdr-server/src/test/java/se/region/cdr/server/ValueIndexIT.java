package se.region.cdr.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Declared AQL value indexes over REST: a query reads the index only where its result is the same
 * as without it, and the index follows new compositions, new versions and deletions. Each query is
 * checked against its "twin", the same question asked so that no index applies (the archetype named
 * in WHERE instead of in FROM), on this test's own EHRs (a subject namespace of its own).
 */
class ValueIndexIT {
  static final String NS = "value-index-it-" + UUID.randomUUID();
  static final String BP = AqlQueryIT.BP;
  static final String PATH = "data[at0001]/events[at0006]/data[at0003]/items[at0004]/value/magnitude";
  static final String UNITS_PATH = "data[at0001]/events[at0006]/data[at0003]/items[at0004]/value/units";
  static final String SYSTOLIC = "o/" + PATH;
  static final String MINE = "e/ehr_status/subject/external_ref/namespace = '" + NS + "'";
  static final List<String> ehrs = new ArrayList<>();
  static final List<String> indexIds = new ArrayList<>();

  @BeforeAll
  static void load() throws Exception {
    CompositionIT.load();
    double[][] systolic = {{120, 185}, {150, 140}, {190}}; // EHR 3 is not queryable
    for (int i = 0; i < systolic.length; i++) {
      String ehr = AqlQueryIT.createEhr(NS, "patient-" + i, i != 2);
      ehrs.add(ehr);
      for (double value : systolic[i]) {
        commit(ehr, value);
      }
    }
  }

  @AfterAll
  static void dropIndexes() {
    indexIds.forEach(id -> Api.delete(TestServer.get().baseUrl() + "/cdr/v1/aql-index/" + id));
  }

  static String commit(String ehr, double systolic) throws Exception {
    HttpResponse<String> r = Api.post("/ehr/" + ehr + "/composition", CompositionIT.systolic(systolic), "application/json");
    assertEquals(201, r.statusCode(), r.body());
    return r.headers().firstValue("ETag").orElseThrow().replace("\"", "");
  }

  static HttpResponse<String> declare(String archetypeId, String path) {
    String body = "{\"archetype_id\":" + AqlQueryIT.quote(archetypeId) + ",\"path\":" + AqlQueryIT.quote(path) + "}";
    return Api.post(TestServer.get().baseUrl() + "/cdr/v1/aql-index", body, "application/json");
  }

  static JsonNode declared(String archetypeId, String path) {
    HttpResponse<String> r = declare(archetypeId, path);
    assertTrue(r.statusCode() == 201 || r.statusCode() == 200, r.body());
    JsonNode index = Api.json(r);
    indexIds.add(index.path("id").asText());
    return index;
  }

  /** Conditions on the systolic magnitude or its units, as WHERE terms after the population filter. */
  static final List<String> CONDITIONS = List.of(
      SYSTOLIC + " >= 140",
      SYSTOLIC + " > 185",
      SYSTOLIC + " = 150",
      SYSTOLIC + " != 120",
      "NOT " + SYSTOLIC + " >= 150",
      SYSTOLIC + " >= 140 AND " + SYSTOLIC + " < 186",
      SYSTOLIC + " < 130 OR " + SYSTOLIC + " > 189",
      SYSTOLIC + " >= $threshold",
      "o/" + UNITS_PATH + " = 'mm[Hg]'",
      "o/" + UNITS_PATH + " != 'mm[Hg]'");

  static String indexed(String condition) {
    return "SELECT e/ehr_id/value, c/uid/value FROM EHR e CONTAINS COMPOSITION c CONTAINS OBSERVATION o[" + BP + "] WHERE " + MINE
        + " AND (" + condition + ")";
  }

  static String twin(String condition) {
    return "SELECT e/ehr_id/value, c/uid/value FROM EHR e CONTAINS COMPOSITION c CONTAINS OBSERVATION o WHERE o/archetype_node_id = '" + BP
        + "' AND " + MINE + " AND (" + condition + ")";
  }

  static List<String> rows(String aql, String parameters) {
    List<String> out = new ArrayList<>();
    AqlQueryIT.query(aql, parameters).path("rows").forEach(row -> out.add(row.toString()));
    out.sort(null);
    return out;
  }

  static void assertSameAsTwins(String when) {
    for (String condition : CONDITIONS) {
      String parameters = condition.contains("$threshold") ? "{\"threshold\":\"140\"}" : null;
      assertEquals(rows(twin(condition), parameters), rows(indexed(condition), parameters), when + ": " + condition);
      String cohort = "SELECT COUNT(DISTINCT e/ehr_id/value) FROM EHR e CONTAINS COMPOSITION c CONTAINS OBSERVATION o[" + BP + "] WHERE " + MINE
          + " AND (" + condition + ")";
      String cohortTwin = "SELECT COUNT(DISTINCT e/ehr_id/value) FROM EHR e CONTAINS COMPOSITION c CONTAINS OBSERVATION o WHERE o/archetype_node_id = '"
          + BP + "' AND " + MINE + " AND (" + condition + ")";
      assertEquals(rows(cohortTwin, parameters), rows(cohort, parameters), when + ", EHRs: " + condition);
    }
    String both = " AND " + SYSTOLIC + " >= 140 AND o/" + UNITS_PATH + " = 'mm[Hg]'"; // two indexed terms on one node
    assertEquals(rows("SELECT COUNT(DISTINCT e/ehr_id/value) FROM EHR e CONTAINS OBSERVATION o WHERE o/archetype_node_id = '" + BP + "' AND " + MINE + both, null),
        rows("SELECT COUNT(DISTINCT e/ehr_id/value) FROM EHR e CONTAINS COMPOSITION c CONTAINS OBSERVATION o[" + BP + "] WHERE " + MINE + both, null),
        when + ", EHRs by two indexed terms");
    String statistics = "COUNT(" + SYSTOLIC + "), AVG(" + SYSTOLIC + "), MIN(" + SYSTOLIC + "), MAX(" + SYSTOLIC + ")";
    assertEquals(rows("SELECT " + statistics + " FROM EHR e CONTAINS OBSERVATION o WHERE o/archetype_node_id = '" + BP + "' AND " + MINE, null),
        rows("SELECT " + statistics + " FROM EHR e CONTAINS COMPOSITION c CONTAINS OBSERVATION o[" + BP + "] WHERE " + MINE, null),
        when + ": aggregates over the indexed path");
  }

  static String sqlOf(String aql) {
    HttpResponse<String> r = Api.post(TestServer.get().baseUrl() + "/ehrbase/rest/admin/query/explain", "{\"q\":" + AqlQueryIT.quote(aql) + "}",
        "application/json");
    assertEquals(200, r.statusCode(), r.body());
    return Api.json(r).path("sql").asText();
  }

  @Test
  void indexedQueriesAnswerAsTheJsonDoesThroughChanges() throws Exception {
    List<List<String>> before = new ArrayList<>();
    for (String condition : CONDITIONS) {
      before.add(rows(indexed(condition), condition.contains("$threshold") ? "{\"threshold\":140}" : null));
    }
    JsonNode magnitude = declared(BP, "/" + PATH);
    assertEquals(PATH, magnitude.path("path").asText(), "the path is kept as AQL renders it");
    assertTrue(magnitude.path("values").asLong() >= 5, magnitude.toString());
    declared(BP, UNITS_PATH);
    assertTrue(sqlOf(indexed(SYSTOLIC + " >= 140")).contains("aql_value"), "the comparison reads the index");
    assertFalse(sqlOf(twin(SYSTOLIC + " >= 140")).contains("aql_value"), "without the archetype in FROM it cannot");
    assertTrue(sqlOf("SELECT MAX(" + SYSTOLIC + ") FROM EHR e CONTAINS OBSERVATION o[" + BP + "] WHERE " + MINE).contains("aql_value"),
        "aggregates over the indexed magnitude read the index");
    assertFalse(sqlOf("SELECT " + SYSTOLIC + " FROM EHR e CONTAINS OBSERVATION o[" + BP + "] WHERE " + SYSTOLIC + " > 130").contains("aql_value"),
        "a path SELECT unrolls is compared per selected element, not through the index");

    List<List<String>> after = new ArrayList<>();
    for (String condition : CONDITIONS) {
      after.add(rows(indexed(condition), condition.contains("$threshold") ? "{\"threshold\":140}" : null));
    }
    assertEquals(before, after, "declaring an index changes no result");
    assertSameAsTwins("after declaring");

    String added = commit(ehrs.get(1), 210);
    assertEquals(1, rows(indexed(SYSTOLIC + " > 189"), null).size(), "a new composition's value is indexed when it is committed");
    HttpResponse<String> updated = Api.put("/ehr/" + ehrs.get(1) + "/composition/" + added.split("::")[0], CompositionIT.systolic(100),
        "application/json", "If-Match", added);
    assertEquals(204, updated.statusCode(), updated.body());
    assertSameAsTwins("after a new version");
    String newest = updated.headers().firstValue("ETag").orElseThrow().replace("\"", "");
    assertEquals(204, Api.delete("/ehr/" + ehrs.get(1) + "/composition/" + newest).statusCode());
    assertSameAsTwins("after deleting a composition");
  }

  /** Statistics of the systolic pressure since a date, the composition's start time. */
  static String statisticsSince(String from, String since) {
    String statistics = "COUNT(" + SYSTOLIC + "), AVG(" + SYSTOLIC + "), MIN(" + SYSTOLIC + "), MAX(" + SYSTOLIC + ")";
    return "SELECT " + statistics + " FROM EHR e CONTAINS COMPOSITION c CONTAINS " + from + " WHERE " + MINE
        + " AND c/context/start_time/value >= '" + since + "'" + (from.contains("[") ? "" : " AND o/archetype_node_id = '" + BP + "'");
  }

  static String startingAt(double systolic, String startTime) throws Exception {
    ObjectNode c = (ObjectNode) Api.JSON.readTree(CompositionIT.systolic(systolic));
    ((ObjectNode) c.path("context").path("start_time")).put("value", startTime);
    return c.toString();
  }

  @Test
  void statisticsSinceADateFollowTheCompositionsStartTime() throws Exception {
    declared(BP, PATH);
    String indexed = statisticsSince("OBSERVATION o[" + BP + "]", "2031-01-01T00:00:00Z");
    String sql = sqlOf(indexed);
    assertTrue(sql.contains("aql_value") && !sql.contains("join composition"), "the index rows carry the start time: " + sql);

    HttpResponse<String> r = Api.post("/ehr/" + ehrs.get(0) + "/composition", startingAt(171, "2031-05-01T10:00:00+02:00"), "application/json");
    assertEquals(201, r.statusCode(), r.body());
    String later = r.headers().firstValue("ETag").orElseThrow().replace("\"", "");
    r = Api.post("/ehr/" + ehrs.get(0) + "/composition", startingAt(175, "2019-01-01T08:00:00Z"), "application/json");
    assertEquals(201, r.statusCode(), r.body());
    JsonNode only = AqlQueryIT.query(indexed, null).path("rows").get(0);
    assertEquals(1, only.get(0).asLong(), "only the composition started in 2031: " + only);
    assertEquals(171.0, only.get(2).asDouble(), only.toString());

    List<String> sinces = List.of("2018-06-01T00:00:00Z", "2019-01-01T08:00:00Z", "2025-03-14T09:30:00+01:00", "2031-01-01", "2032-01-01T00:00:00Z");
    for (String since : sinces) {
      assertEquals(rows(statisticsSince("OBSERVATION o", since), null), rows(statisticsSince("OBSERVATION o[" + BP + "]", since), null), "since " + since);
    }
    HttpResponse<String> moved = Api.put("/ehr/" + ehrs.get(0) + "/composition/" + later.split("::")[0], startingAt(160, "2017-06-01T00:00:00Z"),
        "application/json", "If-Match", later);
    assertEquals(204, moved.statusCode(), moved.body());
    JsonNode none = AqlQueryIT.query(indexed, null).path("rows").get(0);
    assertEquals(0, none.get(0).asLong(), "the new version's start time counts: " + none);
    for (String since : sinces) {
      assertEquals(rows(statisticsSince("OBSERVATION o", since), null), rows(statisticsSince("OBSERVATION o[" + BP + "]", since), null),
          "after a new version, since " + since);
    }
  }

  @Test
  void bulkLoadedCompositionsAreIndexedAsTheyAreStored() throws Exception {
    System.setProperty("cdr.pseudonym.key", se.region.cdr.loader.LoaderSettings.TEST_KEY);
    declared(BP, PATH);
    String run = UUID.randomUUID().toString().substring(0, 8);
    String namespace = "it.value-index." + run;
    String mapping = String.join("\n", "mapping: vi-" + run, "version: 1.0.0", "input:", "  format: jsonl", "  composition: composition",
        "template: CDR - Vital signs.v1", "recordKey: {sourceSystem: vi-" + run + ", fields: [key]}",
        "subject: {source: subject, namespace: " + namespace + ", kind: pseudonym}", "");
    assertEquals(201, Api.put(TestServer.get().baseUrl() + "/cdr/v1/mapping/vi-" + run + "/1.0.0", mapping, "application/yaml").statusCode());
    StringBuilder input = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      JsonNode composition = Api.JSON.readTree(CompositionIT.systolic(100 + 10 * i));
      com.fasterxml.jackson.databind.node.ObjectNode line = Api.JSON.createObjectNode().put("key", "k" + i).put("subject", "p" + i % 3);
      line.set("composition", composition);
      input.append(line).append('\n');
    }
    HttpResponse<String> loaded = Api.post(TestServer.get().baseUrl() + "/cdr/v1/load?mapping=vi-" + run + "&batch=5", input.toString(),
        "application/x-ndjson");
    assertEquals(200, loaded.statusCode(), loaded.body());
    String theirs = "e/ehr_status/subject/external_ref/namespace = '" + namespace + "'";
    for (String condition : List.of(SYSTOLIC + " >= 150", SYSTOLIC + " < 130", SYSTOLIC + " = 200")) {
      String count = "SELECT COUNT(DISTINCT e/ehr_id/value), COUNT(c/uid/value) FROM EHR e CONTAINS COMPOSITION c CONTAINS OBSERVATION o";
      List<String> twin = rows(count + " WHERE o/archetype_node_id = '" + BP + "' AND " + theirs + " AND " + condition, null);
      assertEquals(twin, rows(count + "[" + BP + "] WHERE " + theirs + " AND " + condition, null), condition);
      assertFalse(twin.get(0).startsWith("[0,"), "the loaded compositions match: " + condition + " " + twin);
    }
  }

  @Test
  void declarationsAreCheckedAndListed() {
    JsonNode first = declared(BP, UNITS_PATH);
    HttpResponse<String> again = declare(BP, UNITS_PATH);
    assertEquals(200, again.statusCode(), "declaring again returns the index: " + again.body());
    assertEquals(first.path("id"), Api.json(again).path("id"));
    JsonNode list = Api.json(Api.get(TestServer.get().baseUrl() + "/cdr/v1/aql-index"));
    assertTrue(list.toString().contains(UNITS_PATH), list.toString());

    assertEquals(400, declare("blood_pressure", PATH).statusCode(), "not an archetype id");
    HttpResponse<String> node = declare(BP, "data[at0001]/events[at0006]/data[at0003]/items[openEHR-EHR-CLUSTER.level_of_exertion.v0]");
    assertEquals(400, node.statusCode(), "a path to an archetyped node holds no value: " + node.body());
    assertEquals(400, declare(BP, "data[at0001]/events[").statusCode(), "a path that does not parse");
    assertEquals(404, Api.delete(TestServer.get().baseUrl() + "/cdr/v1/aql-index/999999").statusCode());
  }
}
