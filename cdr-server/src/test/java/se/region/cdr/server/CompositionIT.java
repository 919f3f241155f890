package se.region.cdr.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The composition lifecycle on the project's vital-signs template: create, read, update, delete, history, errors. */
class CompositionIT {
  static final Path EXAMPLES = Path.of("..", "templates", "vital_signs");
  static String example;

  @BeforeAll
  static void load() {
    example = Api.read(EXAMPLES.resolve("example.composition.json"));
  }

  static String systolic(double value) throws Exception {
    ObjectNode c = (ObjectNode) Api.JSON.readTree(example);
    for (JsonNode entry : c.path("content")) {
      if (entry.path("archetype_node_id").asText().contains("blood_pressure")) {
        for (JsonNode item : entry.path("data").path("events").get(0).path("data").path("items")) {
          if (item.path("archetype_node_id").asText().equals("at0004")) {
            ((ObjectNode) item.path("value")).put("magnitude", value);
          }
        }
      }
    }
    return c.toString();
  }

  @Test
  void createReadUpdateDeleteWithHistory() throws Exception {
    String ehr = Api.createEhr();
    HttpResponse<String> created = Api.post("/ehr/" + ehr + "/composition", example, "application/json");
    assertEquals(201, created.statusCode(), created.body());
    String v1 = created.headers().firstValue("ETag").orElseThrow().replace("\"", "");
    assertTrue(v1.endsWith("::" + TestServer.SYSTEM_ID + "::1"), v1);
    assertTrue(created.headers().firstValue("Location").orElseThrow().endsWith("/ehr/" + ehr + "/composition/" + v1));
    String objectId = v1.substring(0, v1.indexOf("::"));

    JsonNode read = Api.json(Api.get("/ehr/" + ehr + "/composition/" + v1));
    assertEquals(v1, read.path("uid").path("value").asText());
    ObjectNode expected = (ObjectNode) Api.JSON.readTree(example);
    ObjectNode actual = read.deepCopy();
    expected.remove("uid");
    actual.remove("uid");
    assertEquals(Api.JSON.readTree(Api.JSON.writeValueAsString(expected)).path("content").size(), actual.path("content").size());

    HttpResponse<String> stale = Api.put("/ehr/" + ehr + "/composition/" + objectId, systolic(150), "application/json",
        "If-Match", objectId + "::" + TestServer.SYSTEM_ID + "::5");
    assertEquals(412, stale.statusCode());
    OffsetDateTime beforeUpdate = OffsetDateTime.now();
    Thread.sleep(5);
    HttpResponse<String> updated = Api.put("/ehr/" + ehr + "/composition/" + objectId, systolic(150), "application/json",
        "If-Match", v1, "Prefer", "return=representation");
    assertEquals(200, updated.statusCode(), updated.body());
    String v2 = updated.headers().firstValue("ETag").orElseThrow().replace("\"", "");
    assertTrue(v2.endsWith("::2"));
    assertTrue(updated.body().contains("150"));

    // by object id: the latest; by version uid: that version; at a time: the version then
    assertEquals(v2, Api.json(Api.get("/ehr/" + ehr + "/composition/" + objectId)).path("uid").path("value").asText());
    assertEquals(v1, Api.json(Api.get("/ehr/" + ehr + "/composition/" + v1)).path("uid").path("value").asText());
    String at = beforeUpdate.toString().replace("+", "%2B");
    assertEquals(v1, Api.json(Api.get("/ehr/" + ehr + "/composition/" + objectId + "?version_at_time=" + at)).path("uid").path("value").asText());

    assertEquals(412, Api.delete("/ehr/" + ehr + "/composition/" + v1).statusCode());
    HttpResponse<String> deleted = Api.delete("/ehr/" + ehr + "/composition/" + v2);
    assertEquals(204, deleted.statusCode(), deleted.body());
    assertEquals(204, Api.get("/ehr/" + ehr + "/composition/" + objectId).statusCode());
    assertEquals(200, Api.get("/ehr/" + ehr + "/composition/" + v2).statusCode(), "older versions stay readable");
    String v3 = objectId + "::" + TestServer.SYSTEM_ID + "::3";
    assertEquals(409, Api.delete("/ehr/" + ehr + "/composition/" + v3).statusCode());

    JsonNode history = Api.json(Api.get("/ehr/" + ehr + "/versioned_composition/" + objectId + "/revision_history"));
    assertEquals(3, history.size());
    assertEquals("deleted", history.get(2).path("audits").get(0).path("change_type").path("value").asText());
    JsonNode versioned = Api.json(Api.get("/ehr/" + ehr + "/versioned_composition/" + objectId));
    assertEquals(objectId, versioned.path("uid").path("value").asText());
    assertEquals(ehr, versioned.path("owner_id").path("id").path("value").asText());
    JsonNode original = Api.json(Api.get("/ehr/" + ehr + "/versioned_composition/" + objectId + "/version/" + v2));
    assertEquals("ORIGINAL_VERSION", original.path("_type").asText());
    assertEquals(v1, original.path("preceding_version_uid").path("value").asText());
    assertEquals("complete", original.path("lifecycle_state").path("value").asText());
    assertEquals("COMPOSITION", original.path("data").path("_type").asText());
    JsonNode deletedVersion = Api.json(Api.get("/ehr/" + ehr + "/versioned_composition/" + objectId + "/version/" + v3));
    assertEquals("deleted", deletedVersion.path("lifecycle_state").path("value").asText());
  }

  @Test
  void invalidCompositionGets422WithEveryFailingPathAndStoresNothing() throws Exception {
    String ehr = Api.createEhr();
    ObjectNode c = (ObjectNode) Api.JSON.readTree(systolic(1500));
    for (JsonNode entry : c.path("content")) {
      if (entry.path("archetype_node_id").asText().contains("body_temperature")) {
        ((ObjectNode) entry.path("data").path("events").get(0).path("data").path("items").get(0).path("value")).put("units", "degC");
      }
    }
    HttpResponse<String> rejected = Api.post("/ehr/" + ehr + "/composition", c.toString(), "application/json");
    assertEquals(422, rejected.statusCode(), rejected.body());
    JsonNode details = Api.json(rejected).path("details");
    String all = details.toString();
    assertTrue(all.contains("blood_pressure") && all.contains("1500"), all);
    assertTrue(all.contains("body_temperature") && all.contains("degC"), all);
    assertEquals(0, TestServer.get().cdr().database().dataSource().getConnection().createStatement()
        .executeQuery("select count(*) from composition c join ehr e on e.id = c.ehr where e.ehr_id = '" + ehr + "'")
        .next() ? 0 : 1);
  }

  private static long contributionCount(String ehr) throws Exception {
    try (var c = TestServer.get().cdr().database().dataSource().getConnection();
        var rs = c.createStatement().executeQuery(
            "select count(*) from contribution k join ehr e on e.id = k.ehr where e.ehr_id = '" + UUID.fromString(ehr) + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void errorsFollowTheSpec() throws Exception {
    String ehr = Api.createEhr();
    assertEquals(404, Api.post("/ehr/" + UUID.randomUUID() + "/composition", example, "application/json").statusCode());
    assertEquals(400, Api.post("/ehr/" + ehr + "/composition", "{\"_type\": \"COMPOSITION\", ", "application/json").statusCode());
    String unknownTemplate = example.replace("CDR - Vital signs.v1", "No such template.v9");
    assertEquals(422, Api.post("/ehr/" + ehr + "/composition", unknownTemplate, "application/json").statusCode());
    assertEquals(404, Api.get("/ehr/" + ehr + "/composition/" + UUID.randomUUID()).statusCode());
    assertEquals(400, Api.post("/ehr/" + ehr + "/composition?format=FLAT", "{}", "application/json").statusCode(), "FLAT needs templateId");

    ObjectNode withUid = (ObjectNode) Api.JSON.readTree(example);
    withUid.putObject("uid").put("_type", "OBJECT_VERSION_ID").put("value", UUID.randomUUID() + "::" + TestServer.SYSTEM_ID + "::1");
    assertEquals(201, Api.post("/ehr/" + ehr + "/composition", withUid.toString(), "application/json").statusCode());
    long contributions = contributionCount(ehr);
    HttpResponse<String> duplicate = Api.post("/ehr/" + ehr + "/composition", withUid.toString(), "application/json");
    assertEquals(409, duplicate.statusCode(), duplicate.body());
    assertTrue(duplicate.body().contains("already exists"), duplicate.body());
    assertEquals(contributions, contributionCount(ehr), "a refused commit stores no contribution");

    String status = """
        {"_type":"EHR_STATUS","archetype_node_id":"openEHR-EHR-EHR_STATUS.generic.v1","name":{"value":"EHR Status"},
         "subject":{"_type":"PARTY_SELF"},"is_modifiable":false,"is_queryable":true}""";
    HttpResponse<String> locked = Api.post("/ehr", status, "application/json", "Prefer", "return=representation");
    assertEquals(201, locked.statusCode(), locked.body());
    String lockedEhr = Api.json(locked).path("ehr_id").path("value").asText();
    HttpResponse<String> refused = Api.post("/ehr/" + lockedEhr + "/composition", example, "application/json");
    assertEquals(409, refused.statusCode(), "EHR_STATUS.is_modifiable = false: " + refused.body());
    assertTrue(refused.body().contains("not modifiable"), refused.body());
  }

  @Test
  void xmlAndFlatFormatsInAndOut() throws Exception {
    String ehr = Api.createEhr();
    HttpResponse<String> flat = Api.post("/ehr/" + ehr + "/composition?format=FLAT&templateId=" + Api.encode("CDR - Vital signs.v1"),
        Api.read(EXAMPLES.resolve("example.flat.json")), "application/json", "Prefer", "return=representation");
    assertEquals(201, flat.statusCode(), flat.body());
    assertTrue(Api.json(flat).has("vital_signs/_uid"), "FLAT in, FLAT back: " + flat.body());
    String uid = flat.headers().firstValue("ETag").orElseThrow().replace("\"", "");

    HttpResponse<String> asXml = Api.get("/ehr/" + ehr + "/composition/" + uid, "Accept", "application/xml");
    assertEquals(200, asXml.statusCode());
    assertTrue(asXml.body().contains("<composition") || asXml.body().contains(":composition"), asXml.body().substring(0, 200));
    HttpResponse<String> xmlCreated = Api.post("/ehr/" + ehr + "/composition", asXml.body().replace(uid, UUID.randomUUID() + "::x::1"), "application/xml");
    assertEquals(201, xmlCreated.statusCode(), xmlCreated.body());

    HttpResponse<String> asFlat = Api.get("/ehr/" + ehr + "/composition/" + uid + "?format=FLAT");
    assertEquals(200, asFlat.statusCode());
    JsonNode input = Api.JSON.readTree(Api.read(EXAMPLES.resolve("example.flat.json")));
    JsonNode output = Api.json(asFlat);
    input.fieldNames().forEachRemaining(key -> {
      assertTrue(output.has(key), "FLAT output lacks " + key);
    });
    assertFalse(output.isEmpty());
  }
}
