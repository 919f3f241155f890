package se.region.cdr.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.region.cdr.aql.AqlService;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ErrorCode;

/**
 * AQL over REST on the project's vital-signs template: three EHRs of one subject namespace (so the
 * population queries see only this test's data in the shared test server) with known systolic
 * values, one of them not queryable.
 */
class AqlQueryIT {
  static final String NS = "aql-it-" + UUID.randomUUID();
  static final String BP = "openEHR-EHR-OBSERVATION.blood_pressure.v2";
  static final String SYSTOLIC = "o/data[at0001]/events[at0006]/data[at0003]/items[at0004]/value/magnitude";
  static final String FROM_BP = " FROM EHR e CONTAINS COMPOSITION c CONTAINS OBSERVATION o[" + BP + "]";
  static final String MINE = " e/ehr_status/subject/external_ref/namespace = '" + NS + "'";
  static final List<String> ehrs = new ArrayList<>();
  static final List<String> compositionUids = new ArrayList<>();

  @BeforeAll
  static void load() throws Exception {
    CompositionIT.load();
    double[][] systolic = {{120, 185}, {150}, {190}}; // EHR 3 is made not queryable below
    for (int i = 0; i < systolic.length; i++) {
      String ehr = createEhr("patient-" + i, i != 2);
      ehrs.add(ehr);
      for (double value : systolic[i]) {
        HttpResponse<String> r = Api.post("/ehr/" + ehr + "/composition", CompositionIT.systolic(value), "application/json");
        assertEquals(201, r.statusCode(), r.body());
        compositionUids.add(r.headers().firstValue("ETag").orElseThrow().replace("\"", ""));
      }
    }
  }

  static String createEhr(String subject, boolean queryable) {
    return createEhr(NS, subject, queryable);
  }

  /** An EHR whose subject is in namespace {@code ns}, queryable or not. */
  static String createEhr(String ns, String subject, boolean queryable) {
    String status = "{\"_type\":\"EHR_STATUS\",\"archetype_node_id\":\"openEHR-EHR-EHR_STATUS.generic.v1\",\"name\":{\"value\":\"EHR Status\"},"
        + "\"subject\":{\"_type\":\"PARTY_SELF\",\"external_ref\":{\"id\":{\"_type\":\"GENERIC_ID\",\"value\":\"" + subject + "\",\"scheme\":\"id_scheme\"},"
        + "\"namespace\":\"" + ns + "\",\"type\":\"PERSON\"}},\"is_queryable\":" + queryable + ",\"is_modifiable\":true}";
    HttpResponse<String> r = Api.post("/ehr", status, "application/json", "Prefer", "return=representation");
    assertEquals(201, r.statusCode(), r.body());
    return Api.json(r).path("ehr_id").path("value").asText();
  }

  static JsonNode query(String aql, String parameters) {
    String body = "{\"q\":" + quote(aql) + (parameters == null ? "" : ",\"query_parameters\":" + parameters) + "}";
    HttpResponse<String> r = Api.post("/query/aql", body, "application/json");
    assertEquals(200, r.statusCode(), aql + " -> " + r.body());
    return Api.json(r);
  }

  static String quote(String s) {
    return Api.JSON.valueToTree(s).toString();
  }

  static Set<String> column(JsonNode result, int i) {
    Set<String> out = new TreeSet<>();
    result.path("rows").forEach(row -> out.add(row.get(i).asText()));
    return out;
  }

  /** A directory filing EHR 1's compositions: the root holds the first, its sub-folder "episode" the second. */
  static String directory(String rootItem, String episodeItem) {
    return """
        {"_type":"FOLDER","name":{"_type":"DV_TEXT","value":"care"},"archetype_node_id":"openEHR-EHR-FOLDER.generic.v1",
         "items":[{"id":{"_type":"HIER_OBJECT_ID","value":"%s"},"namespace":"local","type":"VERSIONED_COMPOSITION"}],
         "folders":[{"_type":"FOLDER","name":{"_type":"DV_TEXT","value":"episode"},"archetype_node_id":"openEHR-EHR-FOLDER.episode_of_care.v1",
           "items":[{"id":{"_type":"HIER_OBJECT_ID","value":"%s"},"namespace":"local","type":"VERSIONED_COMPOSITION"}]}]}"""
        .formatted(rootItem.split("::")[0], episodeItem.split("::")[0]);
  }

  @Test
  void folderContainsComposition() {
    String c0 = compositionUids.get(0);
    String c1 = compositionUids.get(1);
    HttpResponse<String> created = Api.post("/ehr/" + ehrs.get(0) + "/directory", directory(c0, c1), "application/json");
    assertEquals(201, created.statusCode(), created.body());
    // EHR 3 is not queryable: its folder stays out of population queries
    assertEquals(201, Api.post("/ehr/" + ehrs.get(2) + "/directory", directory(compositionUids.get(3), compositionUids.get(3)),
        "application/json").statusCode());

    JsonNode all = query("SELECT f/name/value, c/uid/value FROM EHR e CONTAINS FOLDER f CONTAINS COMPOSITION c WHERE" + MINE, null);
    Set<String> pairs = new TreeSet<>();
    all.path("rows").forEach(row -> pairs.add(row.get(0).asText() + " " + row.get(1).asText()));
    assertEquals(new TreeSet<>(List.of("care " + c0, "care " + c1, "episode " + c1)), pairs,
        "a folder contains the compositions filed in it and in its sub-folders");

    JsonNode episode = query("SELECT " + SYSTOLIC + " FROM EHR e CONTAINS FOLDER f[openEHR-EHR-FOLDER.episode_of_care.v1] CONTAINS COMPOSITION c"
        + " CONTAINS OBSERVATION o[" + BP + "] WHERE" + MINE, null);
    assertEquals(Set.of("185.0"), column(episode, 0));
    JsonNode direct = query("SELECT " + SYSTOLIC + " FROM EHR e CONTAINS FOLDER f[openEHR-EHR-FOLDER.episode_of_care.v1] CONTAINS OBSERVATION o[" + BP + "] WHERE" + MINE, null);
    assertEquals(Set.of("185.0"), column(direct, 0), "FOLDER CONTAINS OBSERVATION goes through the filed compositions");

    JsonNode versions = query("SELECT c/uid/value, v/commit_audit/change_type/value FROM EHR e CONTAINS FOLDER f CONTAINS VERSION v[LATEST_VERSION]"
        + " CONTAINS COMPOSITION c WHERE f/name/value = 'episode' AND" + MINE, null);
    assertEquals(Set.of(c1), column(versions, 0));
    assertEquals(Set.of("creation"), column(versions, 1));

    JsonNode nested = query("SELECT f1/name/value, f2/name/value, f2/items/id/value, f1/uid/value FROM EHR e CONTAINS FOLDER f1 CONTAINS FOLDER f2 WHERE" + MINE, null);
    assertEquals(1, nested.path("rows").size(), nested.toString());
    assertEquals("care", nested.path("rows").get(0).get(0).asText());
    assertEquals(c1.split("::")[0], nested.path("rows").get(0).get(2).asText());
    assertEquals(created.headers().firstValue("ETag").orElseThrow().replace("\"", ""), nested.path("rows").get(0).get(3).asText(),
        "the root folder's uid is the directory's version uid");

    JsonNode count = query("SELECT COUNT(f) FROM EHR e CONTAINS FOLDER f WHERE" + MINE, null);
    assertEquals(2, count.path("rows").get(0).get(0).asInt());
    JsonNode whole = query("SELECT f FROM EHR e CONTAINS FOLDER f[openEHR-EHR-FOLDER.episode_of_care.v1] WHERE" + MINE, null);
    assertEquals("episode", whole.path("rows").get(0).get(0).path("name").path("value").asText());

    // a deleted directory has no folders
    String etag = created.headers().firstValue("ETag").orElseThrow();
    assertEquals(204, Api.delete("/ehr/" + ehrs.get(0) + "/directory", "If-Match", etag).statusCode());
    assertEquals(0, query("SELECT f/name/value FROM EHR e CONTAINS FOLDER f WHERE" + MINE, null).path("rows").size());
  }

  @Test
  void populationCountHonoursValuesAndIsQueryable() {
    JsonNode r = query("SELECT COUNT(DISTINCT e/ehr_id/value) AS patients" + FROM_BP + " WHERE " + SYSTOLIC + " >= 140 AND" + MINE, null);
    assertEquals("patients", r.path("columns").get(0).path("name").asText());
    assertEquals(2, r.path("rows").get(0).get(0).asInt(), "EHR 1 (185) and EHR 2 (150); EHR 3 (190) is not queryable");
    assertEquals("RESULTSET", r.path("meta").path("_type").asText());
  }

  @Test
  void onePatientWithParameterOrderAndLimit() {
    JsonNode r = query("SELECT " + SYSTOLIC + " AS sys, c/uid/value" + " FROM EHR e[ehr_id/value=$ehr] CONTAINS COMPOSITION c CONTAINS OBSERVATION o["
        + BP + "] ORDER BY " + SYSTOLIC + " DESC LIMIT 1", "{\"ehr\":\"" + ehrs.get(0) + "\"}");
    assertEquals(1, r.path("rows").size());
    assertEquals(185.0, r.path("rows").get(0).get(0).asDouble());
    assertEquals(compositionUids.get(1), r.path("rows").get(0).get(1).asText());
  }

  @Test
  void explicitEhrIdReachesANonQueryableEhr() {
    JsonNode r = query("SELECT " + SYSTOLIC + " FROM EHR e[ehr_id/value=$ehr] CONTAINS COMPOSITION c CONTAINS OBSERVATION o[" + BP + "]",
        "{\"ehr\":\"" + ehrs.get(2) + "\"}");
    assertEquals(Set.of("190.0"), column(r, 0));
  }

  @Test
  void getWithQueryStringAndPaging() {
    String q = "SELECT " + SYSTOLIC + FROM_BP + " WHERE" + MINE + " ORDER BY " + SYSTOLIC;
    HttpResponse<String> page = Api.get("/query/aql?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&offset=1&fetch=1");
    assertEquals(200, page.statusCode(), page.body());
    JsonNode r = Api.json(page);
    assertEquals(1, r.path("rows").size());
    assertEquals(150.0, r.path("rows").get(0).get(0).asDouble(), "second of 120, 150, 185");
  }

  @Test
  void wholeCompositionIsCanonicalJson() {
    JsonNode r = query("SELECT c FROM EHR e[ehr_id/value=$ehr] CONTAINS COMPOSITION c", "{\"ehr\":\"" + ehrs.get(1) + "\"}");
    JsonNode composition = r.path("rows").get(0).get(0);
    JsonNode stored = Api.json(Api.get("/ehr/" + ehrs.get(1) + "/composition/" + compositionUids.get(2)));
    assertEquals(stored, composition);
  }

  @Test
  void selectedObjectsIncludeTheirArchetypedChildren() {
    String uid = compositionUids.get(2);
    JsonNode stored = Api.json(Api.get("/ehr/" + ehrs.get(1) + "/composition/" + uid));
    JsonNode r = query("SELECT c/context/other_context, c/context FROM EHR e[ehr_id/value=$ehr] CONTAINS COMPOSITION c", "{\"ehr\":\"" + ehrs.get(1) + "\"}");
    JsonNode row = r.path("rows").get(0);
    // the provenance CLUSTER is an archetyped node of its own row; the selected ITEM_TREE must hold it, not a placeholder
    assertEquals(stored.path("context").path("other_context"), row.get(0));
    assertEquals(stored.path("context"), row.get(1));
    assertTrue(!row.toString().contains("@n"), row.toString());
  }

  /**
   * What the stored form leaves out (an event's time equal to the history's origin, ITEM_TREE of an
   * event's data, DV_QUANTITY of an element's value, the composition's default archetype details)
   * reads back in SELECT, WHERE, ORDER BY, aggregates and FROM EVENT.
   */
  @Test
  void leftOutDefaultsReadBack() {
    String ehr = "{\"ehr\":\"" + ehrs.get(0) + "\"}";
    String event = "o/data[at0001]/events[at0006]";
    String origin = "2025-03-14T09:35:00+01:00";
    JsonNode r = query("SELECT " + event + "/time/value, " + event + "/time, " + event + "/data, " + event + "/data[at0003]/items[at0004]/value/units, "
        + event + "/data[at0003]/items[at0004]/value, c/archetype_details/template_id/value, c/composer"
        + " FROM EHR e[ehr_id/value=$ehr] CONTAINS COMPOSITION c CONTAINS OBSERVATION o[" + BP + "] WHERE " + event + "/time/value = '" + origin + "'"
        + " ORDER BY " + event + "/time/value", ehr);
    assertEquals(2, r.path("rows").size(), r.toString());
    JsonNode row = r.path("rows").get(0);
    assertEquals(origin, row.get(0).asText());
    assertEquals("DV_DATE_TIME", row.get(1).path("_type").asText());
    assertEquals("ITEM_TREE", row.get(2).path("_type").asText());
    assertEquals("mm[Hg]", row.get(3).asText());
    assertEquals("DV_QUANTITY", row.get(4).path("_type").asText());
    assertEquals("mm[Hg]", row.get(4).path("units").asText());
    assertEquals("CDR - Vital signs.v1", row.get(5).asText());
    assertEquals("PARTY_IDENTIFIED", row.get(6).path("_type").asText());

    JsonNode max = query("SELECT MAX(" + event + "/time/value), COUNT(" + event + "/time/value)"
        + " FROM EHR e[ehr_id/value=$ehr] CONTAINS COMPOSITION c CONTAINS OBSERVATION o[" + BP + "]", ehr);
    assertEquals(origin, max.path("rows").get(0).get(0).asText());
    assertEquals(2, max.path("rows").get(0).get(1).asInt());

    JsonNode events = query("SELECT p/time/value, p FROM EHR e[ehr_id/value=$ehr] CONTAINS COMPOSITION c CONTAINS OBSERVATION o[" + BP + "]"
        + " CONTAINS POINT_EVENT p", ehr);
    assertEquals(2, events.path("rows").size(), events.toString());
    assertEquals(origin, events.path("rows").get(0).get(0).asText());
    assertEquals(origin, events.path("rows").get(0).get(1).path("time").path("value").asText());
    assertEquals("ITEM_TREE", events.path("rows").get(0).get(1).path("data").path("_type").asText());

    JsonNode history = query("SELECT o/data[at0001] FROM EHR e[ehr_id/value=$ehr] CONTAINS COMPOSITION c CONTAINS OBSERVATION o[" + BP + "]", ehr);
    assertEquals(origin, history.path("rows").get(0).get(0).path("events").get(0).path("time").path("value").asText());

    JsonNode codes = query("SELECT c/language/terminology_id/value, o/language/terminology_id/value, c/territory/terminology_id, o/language,"
        + " c/category/defining_code/terminology_id/value, c/context/setting FROM EHR e[ehr_id/value=$ehr] CONTAINS COMPOSITION c"
        + " CONTAINS OBSERVATION o[" + BP + "] WHERE c/territory/terminology_id/value = 'ISO_3166-1'"
        + " AND c/context/setting/defining_code/terminology_id/value = 'openehr'", ehr);
    assertEquals(2, codes.path("rows").size(), codes.toString());
    JsonNode code = codes.path("rows").get(0);
    assertEquals("ISO_639-1", code.get(0).asText());
    assertEquals("ISO_639-1", code.get(1).asText());
    assertEquals("TERMINOLOGY_ID", code.get(2).path("_type").asText());
    assertEquals("ISO_639-1", code.get(3).path("terminology_id").path("value").asText());
    assertEquals("openehr", code.get(4).asText());
    assertEquals("openehr", code.get(5).path("defining_code").path("terminology_id").path("value").asText());
  }

  /** A cohort over two CONTAINS branches: COUNT(DISTINCT) and DISTINCT agree with the joined rows. */
  @Test
  void cohortOverTwoBranchesMatchesTheJoinedForm() {
    String from = " FROM EHR e CONTAINS ((COMPOSITION c1 CONTAINS OBSERVATION o1[" + BP + "]) AND (COMPOSITION c2 CONTAINS OBSERVATION o2[" + BP + "]))";
    String where = " WHERE " + MINE + " AND " + SYSTOLIC.replace("o/", "o1/") + " >= 180 AND " + SYSTOLIC.replace("o/", "o2/") + " < 130";
    // joined: o1 and o2 are selected, so every matching pair is a row
    JsonNode joined = query("SELECT e/ehr_id/value, " + SYSTOLIC.replace("o/", "o1/") + ", " + SYSTOLIC.replace("o/", "o2/") + from + where, null);
    assertEquals(Set.of(ehrs.get(0)), column(joined, 0));
    JsonNode count = query("SELECT COUNT(DISTINCT e/ehr_id/value)" + from + where, null);
    assertEquals(1, count.path("rows").get(0).get(0).asInt());
    JsonNode distinct = query("SELECT DISTINCT e/ehr_id/value" + from + where, null);
    assertEquals(Set.of(ehrs.get(0)), column(distinct, 0));
    // a branch with no condition still has to exist: EHR 1 has one BP composition, which serves both branches
    JsonNode any = query("SELECT COUNT(DISTINCT e/ehr_id/value)" + from + " WHERE " + MINE + " AND " + SYSTOLIC.replace("o/", "o1/") + " < 160", null);
    assertEquals(2, any.path("rows").get(0).get(0).asInt());
  }

  @Test
  void orAlternativesWithTheirOwnContainsMatchAsAWhole() {
    String absent = "openEHR-EHR-OBSERVATION.no_such_observation.v1";
    // only the first chain exists here: its rows, with the second's variables null (EHR 0 twice, EHR 1; EHR 2 is not queryable)
    JsonNode chains = query("SELECT " + SYSTOLIC.replace("o/", "o1/") + ", o2/name/value FROM EHR e CONTAINS ((COMPOSITION c1 CONTAINS OBSERVATION o1["
        + BP + "]) OR (COMPOSITION c2 CONTAINS OBSERVATION o2[" + absent + "])) WHERE" + MINE, null);
    assertEquals(3, chains.path("rows").size(), chains.toString());
    assertEquals(Set.of("null"), column(chains, 1));
    // an alternative that is an AND of chains matches as a whole: o1 without the o2 its AND asks for is no match
    JsonNode and = query("SELECT o1/name/value, " + SYSTOLIC.replace("o/", "o3/") + " FROM EHR e CONTAINS (((COMPOSITION c1 CONTAINS OBSERVATION o1["
        + BP + "]) AND (COMPOSITION c2 CONTAINS OBSERVATION o2[" + absent + "])) OR OBSERVATION o3[" + BP + "]) WHERE" + MINE, null);
    assertEquals(3, and.path("rows").size(), and.toString());
    assertEquals(Set.of("null"), column(and, 0));
  }

  @Test
  void notContainsAndVersions() throws Exception {
    JsonNode none = query("SELECT c/uid/value FROM EHR e CONTAINS COMPOSITION c NOT CONTAINS OBSERVATION o[" + BP + "] WHERE" + MINE, null);
    assertEquals(0, none.path("rows").size());
    String uid = compositionUids.get(0);
    HttpResponse<String> updated = Api.put("/ehr/" + ehrs.get(0) + "/composition/" + uid.substring(0, uid.indexOf("::")),
        CompositionIT.systolic(121), "application/json", "If-Match", uid);
    assertTrue(updated.statusCode() == 200 || updated.statusCode() == 204, updated.body());
    JsonNode all = query("SELECT v/uid/value, " + SYSTOLIC + " FROM EHR e[ehr_id/value=$ehr] CONTAINS VERSION v[ALL_VERSIONS]"
        + " CONTAINS COMPOSITION c CONTAINS OBSERVATION o[" + BP + "]", "{\"ehr\":\"" + ehrs.get(0) + "\"}");
    assertEquals(Set.of("120.0", "121.0", "185.0"), column(all, 1));
    JsonNode latest = query("SELECT " + SYSTOLIC + " FROM EHR e[ehr_id/value=$ehr] CONTAINS COMPOSITION c CONTAINS OBSERVATION o[" + BP + "]",
        "{\"ehr\":\"" + ehrs.get(0) + "\"}");
    assertEquals(Set.of("121.0", "185.0"), column(latest, 0));
  }

  @Test
  void errorsNameTheProblem() {
    HttpResponse<String> syntax = Api.post("/query/aql", "{\"q\":\"SELECT c FROM EHR e CONTAIN COMPOSITION c\"}", "application/json");
    assertEquals(400, syntax.statusCode());
    assertTrue(syntax.body().contains("line 1") && syntax.body().contains("char"), syntax.body());
    HttpResponse<String> unknown = Api.post("/query/aql", "{\"q\":\"SELECT x/name/value FROM EHR e CONTAINS COMPOSITION c\"}", "application/json");
    assertEquals(400, unknown.statusCode());
    assertTrue(unknown.body().contains("alias 'x'"), unknown.body());
    HttpResponse<String> missing = Api.post("/query/aql", "{\"q\":\"SELECT e/ehr_id/value FROM EHR e[ehr_id/value=$nope]\"}", "application/json");
    assertEquals(400, missing.statusCode());
    assertTrue(missing.body().contains("$nope"), missing.body());
  }

  @Test
  void theRowCapRefusesALargerResultBeforeAnyRowAndTheCountComesFirst() {
    AqlService capped = new AqlService(TestServer.get().cdr().database().dataSource(), TestServer.SYSTEM_ID, Duration.ofSeconds(30), 2);
    String q = "SELECT c/uid/value" + FROM_BP + " WHERE" + MINE; // three compositions of the queryable EHRs
    CdrException tooMany = assertThrows(CdrException.class, () -> capped.open(q, Map.of(), null, null).close());
    assertEquals(ErrorCode.QUERY_TOO_LARGE, tooMany.errorCode());
    assertTrue(tooMany.getMessage().contains("more than 2 rows"), tooMany.getMessage());
    try (AqlService.Rows rows = capped.open(q, Map.of(), 2L, null)) {
      assertEquals(2, rows.size(), "known before the first row is read");
      assertEquals(2, Stream.generate(rows::next).takeWhile(Objects::nonNull).count());
    }
    JsonNode all = query(q, null); // over HTTP, streamed: meta says how many rows follow
    assertEquals(3, all.path("meta").path("resultsize").asInt());
    assertEquals(3, all.path("rows").size());
  }

  @Test
  void versionAndEhrTimesCompareAndSortAsTheirValues() {
    // whole DV_DATE_TIME objects built as canonical JSON (not stored compact): commit time, EHR creation
    String q = "SELECT cv/commit_audit/time_committed/value FROM EHR e CONTAINS VERSION cv[LATEST_VERSION] CONTAINS COMPOSITION c"
        + " WHERE" + MINE + " AND e/time_created > '2000-01-01T00:00:00Z' ORDER BY cv/commit_audit/time_committed ";
    for (String direction : List.of("ASC", "DESC")) {
      List<Instant> times = new ArrayList<>();
      query(q + direction, null).path("rows").forEach(row -> times.add(Instant.parse(row.get(0).asText())));
      assertTrue(times.size() >= 3, "the queryable EHRs' compositions: " + times);
      List<Instant> sorted = new ArrayList<>(times);
      sorted.sort(direction.equals("ASC") ? Comparator.naturalOrder() : Comparator.reverseOrder());
      assertEquals(sorted, times, direction);
    }
    assertEquals(0, query("SELECT e/ehr_id/value FROM EHR e WHERE" + MINE + " AND e/time_created < '2000-01-01T00:00:00Z'", null)
        .path("rows").size());
  }

  @Test
  void requestsThatNeverReadTheBodyGiveTheirConnectionBack() {
    String url = "/query/aql?q=" + URLEncoder.encode("SELECT c/uid/value" + FROM_BP + " WHERE" + MINE, StandardCharsets.UTF_8);
    for (int i = 0; i < 40; i++) { // HEAD: no body is sent; more requests than the pool's 16 connections
      HttpResponse<String> head = Api.send(Api.request(url).method("HEAD", HttpRequest.BodyPublishers.noBody()));
      assertEquals(200, head.statusCode());
    }
    assertEquals(3, Api.json(Api.get(url)).path("rows").size());
  }

  @Test
  void injectionAttemptsStayValues() {
    JsonNode r = query("SELECT c/uid/value" + " FROM EHR e CONTAINS COMPOSITION c WHERE c/name/value = $name AND" + MINE,
        "{\"name\":\"x' or '1'='1\"}");
    assertEquals(0, r.path("rows").size());
  }

  @Test
  void storedQueryVersionsAndExecution() {
    String name = "se.region.it::systolic-over-" + UUID.randomUUID().toString().substring(0, 8);
    String q = "SELECT COUNT(DISTINCT e/ehr_id/value)" + FROM_BP + " WHERE " + SYSTOLIC + " >= $min AND" + MINE;
    HttpResponse<String> put = Api.put("/definition/query/" + name + "/1.0.0", q, "text/plain");
    assertEquals(200, put.statusCode(), put.body());
    assertEquals(409, Api.put("/definition/query/" + name + "/1.0.0", q, "text/plain").statusCode());
    assertEquals(200, Api.put("/definition/query/" + name + "/1.1.0", q.replace(">= $min", "> $min"), "text/plain").statusCode());
    JsonNode latest = Api.json(Api.get("/definition/query/" + name + "/1"));
    assertEquals("1.1.0", latest.path("version").asText());
    HttpResponse<String> run = Api.post("/query/" + name + "/1.0.0", "{\"query_parameters\":{\"min\":150}}", "application/json");
    assertEquals(200, run.statusCode(), run.body());
    assertEquals(2, Api.json(run).path("rows").get(0).get(0).asInt(), "185 and 150");
    JsonNode newest = Api.json(Api.get("/query/" + name + "?min=150"));
    assertEquals(1, newest.path("rows").get(0).get(0).asInt(), "1.1.0 uses > so only 185");
    assertEquals(404, Api.get("/definition/query/" + name + "/2.0.0").statusCode());
  }

  @Test
  void functionsAndEntryDefaults() {
    JsonNode r = query("SELECT LENGTH(o/name/value), o/subject, o/language/code_string, o/archetype_node_id" + FROM_BP
        + " WHERE e/ehr_id/value = $ehr", "{\"ehr\":\"" + ehrs.get(1) + "\"}");
    JsonNode row = r.path("rows").get(0);
    assertEquals("Blood pressure".length(), row.get(0).asInt());
    assertEquals("PARTY_SELF", row.get(1).path("_type").asText());
    assertEquals("en", row.get(2).asText());
    assertEquals(BP, row.get(3).asText());
  }
}
