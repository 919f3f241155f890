package se.region.cdr.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.region.cdr.loader.LoaderSettings;

/**
 * The bulk loader on records that carry whole canonical compositions (JSON Lines,
 * {@code input.composition}), over REST: each composition is stored exactly as a REST POST of it
 * would be (most of them checked by their values alone, per shape), bad ones go to the quarantine
 * with the full validator's path, a reload changes nothing, and a personal identity number in the
 * subject field is refused and never stored.
 */
class CanonicalLoadIT {
  private static final Path EXAMPLE = Path.of("..", "templates", "vital_signs", "example.composition.json");
  private static final String SYSTOLIC = "o/data[at0001]/events[at0006]/data[at0003]/items[at0004]/value/magnitude";

  @BeforeAll
  static void testKey() {
    System.setProperty("cdr.pseudonym.key", LoaderSettings.TEST_KEY);
  }

  private static ObjectNode example() throws Exception {
    return (ObjectNode) Api.JSON.readTree(Api.read(EXAMPLE));
  }

  /** The example with its own systolic pressure and measurement day. */
  private static ObjectNode variant(int i) throws Exception {
    ObjectNode c = example();
    String day = String.format(Locale.ROOT, "2024-%02d-%02dT", 1 + i % 12, 1 + i % 28);
    c.with("context").with("start_time").put("value", day + "09:30:00+01:00");
    c.with("context").with("end_time").put("value", day + "09:45:00+01:00");
    for (JsonNode entry : c.path("content")) {
      ObjectNode data = (ObjectNode) entry.path("data");
      data.with("origin").put("value", day + "09:35:00+01:00");
      ((ObjectNode) data.path("events").get(0)).with("time").put("value", day + "09:35:00+01:00");
    }
    bloodPressure(c).put("magnitude", 100.0 + i);
    return c;
  }

  private static ObjectNode bloodPressure(ObjectNode c) {
    return (ObjectNode) c.path("content").get(0).path("data").path("events").get(0).path("data").path("items").get(0).path("value");
  }

  private static String line(String key, String subject, JsonNode composition) {
    ObjectNode line = Api.JSON.createObjectNode().put("key", key).put("subject", subject);
    line.set("composition", composition);
    return line + "\n";
  }

  /** Loads in batches of 5: the compositions of later batches are prepared from their text (the shape is learned from the first). */
  private static HttpResponse<String> load(String mappingId, String body) {
    return Api.send(HttpRequest.newBuilder(URI.create(TestServer.get().baseUrl() + "/cdr/v1/load?mapping=" + mappingId + "&batch=5"))
        .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static JsonNode aqlRows(String q) {
    return Api.aqlRows(Api.api(), q);
  }

  private static String ehrOf(String namespace, String subject) {
    HttpResponse<String> r = Api.get("/ehr?subject_id=" + subject + "&subject_namespace=" + namespace);
    assertEquals(200, r.statusCode(), r.body());
    return Api.json(r).path("ehr_id").path("value").asText();
  }

  @Test
  void canonicalCompositionsLoadAsRestCommitsWouldStoreThem() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String namespace = "it.canonical." + run;
    String mappingId = "it-canonical-" + run;
    String mapping = String.join("\n",
        "mapping: " + mappingId, "version: 1.0.0", "input:", "  format: jsonl", "  composition: composition",
        "template: CDR - Vital signs.v1", "recordKey: {sourceSystem: it-canonical-" + run + ", fields: [key]}",
        "subject: {source: subject, namespace: " + namespace + ", kind: pseudonym}", "");
    HttpResponse<String> put = Api.send(HttpRequest.newBuilder(URI.create(TestServer.get().baseUrl() + "/cdr/v1/mapping/" + mappingId + "/1.0.0"))
        .header("Content-Type", "application/yaml").PUT(HttpRequest.BodyPublishers.ofString(mapping)));
    assertEquals(201, put.statusCode(), put.body());

    StringBuilder input = new StringBuilder();
    int good = 40;
    for (int i = 0; i < good; i++) {
      input.append(line("k" + i, "p-" + run + "-" + (i % 4), variant(i)));
    }
    ObjectNode wrongUnit = variant(100);
    bloodPressure(wrongUnit).put("units", "kg");
    input.append(line("bad-unit-" + run, "p-" + run + "-0", wrongUnit));
    ObjectNode badDate = variant(101);
    badDate.with("context").with("start_time").put("value", "2024-02-30T09:30:00+01:00");
    input.append(line("bad-date-" + run, "p-" + run + "-0", badDate));
    ObjectNode otherTemplate = variant(102);
    otherTemplate.with("archetype_details").with("template_id").put("value", "CDR - Diagnosis.v1");
    input.append(line("other-template-" + run, "p-" + run + "-0", otherTemplate));
    String personalNumber = "19121212-1212";
    input.append(line("identity-" + run, personalNumber, variant(103)));

    HttpResponse<String> r = load(mappingId, input.toString());
    assertEquals(200, r.statusCode(), r.body());
    JsonNode report = Api.json(r);
    assertEquals(good + 4, report.path("read").asInt(), r.body());
    assertEquals(good, report.path("accepted").asInt(), r.body());
    assertEquals(1, report.path("rejected_by_reason").path("template_validation").asInt(), r.body());
    assertEquals(1, report.path("rejected_by_reason").path("not_canonical").asInt(), r.body()); // Feb 30 cannot be bound to the RM
    assertEquals(1, report.path("rejected_by_reason").path("wrong_template").asInt(), r.body());
    assertEquals(1, report.path("rejected_by_reason").path("bad_value").asInt(), r.body());
    assertQuarantinePath("bad-unit-" + run, "items[at0004]/value: The value \"kg\" must be \"mm[Hg]\"");
    assertQuarantinePath("bad-date-" + run, "FEBRUARY 30");

    long above = 0;
    for (int i = 0; i < good; i++) {
      if (100 + i > 130) {
        above++;
      }
    }
    JsonNode count = aqlRows("SELECT COUNT(" + SYSTOLIC + ") FROM EHR e CONTAINS COMPOSITION c CONTAINS OBSERVATION o[openEHR-EHR-OBSERVATION.blood_pressure.v2]"
        + " WHERE " + SYSTOLIC + " > 130 AND e/ehr_status/subject/external_ref/namespace = '" + namespace + "'");
    assertEquals(above, count.get(0).get(0).asLong(), count.toString());

    // accepted compositions (the first of the shape fully validated, later ones from their text)
    // read back as the same composition committed over REST would, and are stored as the same jsonb
    for (int i : new int[] {0, 37, 38, 39}) {
      assertStoredAsRestCommit(namespace, "p-" + run + "-" + (i % 4), variant(i));
    }

    // the same input again: nothing new
    HttpResponse<String> again = load(mappingId, input.toString());
    assertEquals(200, again.statusCode(), again.body());
    assertEquals(good, Api.json(again).path("unchanged").asInt(), again.body());
    assertEquals(0, Api.json(again).path("accepted").asInt(), again.body());

    assertFalse(stored(personalNumber), "a personal identity number reached the store");
  }

  /** Posts the composition over REST into the subject's EHR; both copies read back alike and hold the same content node data. */
  private static void assertStoredAsRestCommit(String namespace, String subject, ObjectNode composition) throws Exception {
    String ehr = ehrOf(namespace, subject);
    HttpResponse<String> posted = Api.post("/ehr/" + ehr + "/composition", composition.toString(), "application/json", "Prefer", "return=minimal");
    assertEquals(201, posted.statusCode(), posted.body());
    String start = composition.path("context").path("start_time").path("value").asText();
    JsonNode both = aqlRows("SELECT c FROM EHR e[ehr_id/value='" + ehr + "'] CONTAINS COMPOSITION c WHERE c/context/start_time/value = '" + start + "'");
    assertEquals(2, both.size(), both.toString());
    ObjectNode loaded = (ObjectNode) both.get(0).get(0);
    ObjectNode committed = (ObjectNode) both.get(1).get(0);
    loaded.remove("uid");
    committed.remove("uid");
    assertEquals(committed, loaded);
    try (Connection c = TestServer.get().cdr().database().connection();
        PreparedStatement ps = c.prepareStatement("select count(*), count(distinct nodes) from (select array_agg(n.data order by n.num) as nodes"
            + " from composition k join ehr e on e.id = k.ehr join comp_node n on n.composition = k.id"
            + " where e.ehr_id = ?::uuid and k.start_time = ?::timestamptz group by k.id) x")) {
      ps.setString(1, ehr);
      ps.setString(2, start);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertEquals(2, rs.getInt(1));
        assertEquals(1, rs.getInt(2), "the loaded and the committed composition hold different content node data");
      }
    }
  }

  private static void assertQuarantinePath(String key, String pathOrReason) throws Exception {
    try (Connection c = TestServer.get().cdr().database().connection();
        PreparedStatement ps = c.prepareStatement("select path, reason from quarantine where record_key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), "no quarantine row for " + key);
        assertTrue((rs.getString(1) + " " + rs.getString(2)).contains(pathOrReason), key + ": path " + rs.getString(1) + ", " + rs.getString(2));
      }
    }
  }

  private static boolean stored(String text) throws Exception {
    try (Connection c = TestServer.get().cdr().database().connection();
        PreparedStatement ps = c.prepareStatement("select (select count(*) from quarantine q where q::text like ?) + (select count(*) from ehr e where e::text like ?)"
            + " + (select count(*) from source_record s where s::text like ?)")) {
      for (int i = 1; i <= 3; i++) {
        ps.setString(i, "%" + text + "%");
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    }
  }
}
