package se.region.cdr.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** EHR and EHR_STATUS endpoints: create, get, subject lookup, versioned status updates, errors. */
class EhrIT {
  static String status(String subjectId, boolean queryable) {
    return """
        {"_type":"EHR_STATUS","archetype_node_id":"openEHR-EHR-EHR_STATUS.generic.v1","name":{"value":"EHR Status"},
         "subject":{"_type":"PARTY_SELF","external_ref":{"id":{"_type":"GENERIC_ID","value":"%s","scheme":"pseudonym"},
         "namespace":"region.test","type":"PERSON"}},"is_modifiable":true,"is_queryable":%s}""".formatted(subjectId, queryable);
  }

  @Test
  void createWithStatusAndFindBySubject() {
    String subject = "pseudo-" + UUID.randomUUID();
    HttpResponse<String> created = Api.post("/ehr", status(subject, true), "application/json", "Prefer", "return=representation");
    assertEquals(201, created.statusCode(), created.body());
    String ehrId = Api.json(created).path("ehr_id").path("value").asText();
    assertEquals("\"" + ehrId + "\"", created.headers().firstValue("ETag").orElseThrow());
    assertTrue(created.headers().firstValue("Location").orElseThrow().endsWith("/ehr/" + ehrId));
    assertTrue(created.headers().firstValue("Last-Modified").isPresent());

    HttpResponse<String> found = Api.get("/ehr?subject_id=" + subject + "&subject_namespace=region.test");
    assertEquals(200, found.statusCode());
    assertEquals(ehrId, Api.json(found).path("ehr_id").path("value").asText());
    assertEquals(404, Api.get("/ehr?subject_id=nobody&subject_namespace=region.test").statusCode());

    HttpResponse<String> duplicate = Api.post("/ehr", status(subject, true), "application/json");
    assertEquals(409, duplicate.statusCode(), "a subject has one EHR");
  }

  @Test
  void minimalCreateHasNoBodyButHeaders() {
    HttpResponse<String> created = Api.post("/ehr", "", "application/json");
    assertEquals(201, created.statusCode());
    assertTrue(created.body().isEmpty());
    String location = created.headers().firstValue("Location").orElseThrow();
    HttpResponse<String> got = Api.get(location);
    assertEquals(200, got.statusCode());
    JsonNode ehr = Api.json(got);
    assertEquals(TestServer.SYSTEM_ID, ehr.path("system_id").path("value").asText());
    assertEquals("EHR_STATUS", ehr.path("ehr_status").path("type").asText());
    assertNotNull(ehr.path("time_created").path("value").asText(null));
  }

  @Test
  void putWithChosenIdThenConflict() {
    String id = UUID.randomUUID().toString();
    assertEquals(201, Api.put("/ehr/" + id, "", "application/json").statusCode());
    assertEquals(409, Api.put("/ehr/" + id, "", "application/json").statusCode());
    assertEquals(400, Api.put("/ehr/not-a-uuid", "", "application/json").statusCode());
    assertEquals(200, Api.get("/ehr/" + id).statusCode());
    assertEquals(404, Api.get("/ehr/" + UUID.randomUUID()).statusCode());
  }

  @Test
  void malformedStatusIsRejected() {
    assertEquals(400, Api.post("/ehr", "{not json", "application/json").statusCode());
    HttpResponse<String> wrongType = Api.post("/ehr", "{\"_type\":\"EHR_STATUS\",\"is_queryable\":true}", "application/json");
    assertTrue(wrongType.statusCode() == 400 || wrongType.statusCode() == 422, wrongType.statusCode() + " " + wrongType.body());
  }

  @Test
  void statusIsVersionedWithIfMatch() {
    String subject = "pseudo-" + UUID.randomUUID();
    String ehrId = Api.json(Api.post("/ehr", status(subject, true), "application/json", "Prefer", "return=representation"))
        .path("ehr_id").path("value").asText();
    HttpResponse<String> v1 = Api.get("/ehr/" + ehrId + "/ehr_status");
    assertEquals(200, v1.statusCode());
    String v1Uid = Api.json(v1).path("uid").path("value").asText();
    assertTrue(v1Uid.endsWith("::1"), v1Uid);
    assertEquals("\"" + v1Uid + "\"", v1.headers().firstValue("ETag").orElseThrow());

    HttpResponse<String> missingIfMatch = Api.put("/ehr/" + ehrId + "/ehr_status", status(subject, false), "application/json");
    assertEquals(400, missingIfMatch.statusCode());
    String staleUid = v1Uid.replace("::1", "::7");
    assertEquals(412, Api.put("/ehr/" + ehrId + "/ehr_status", status(subject, false), "application/json", "If-Match", staleUid).statusCode());

    HttpResponse<String> v2 = Api.put("/ehr/" + ehrId + "/ehr_status", status(subject, false), "application/json",
        "If-Match", v1Uid, "Prefer", "return=representation");
    assertEquals(200, v2.statusCode(), v2.body());
    JsonNode v2Status = Api.json(v2);
    assertFalse(v2Status.path("is_queryable").asBoolean(true));
    String v2Uid = v2Status.path("uid").path("value").asText();
    assertTrue(v2Uid.endsWith("::2"));

    assertEquals(200, Api.get("/ehr/" + ehrId + "/ehr_status/" + v1Uid).statusCode());
    assertTrue(Api.json(Api.get("/ehr/" + ehrId + "/ehr_status/" + v1Uid)).path("is_queryable").asBoolean());
    JsonNode history = Api.json(Api.get("/ehr/" + ehrId + "/versioned_ehr_status/revision_history"));
    assertEquals(2, history.size());
    assertEquals("creation", history.get(0).path("audits").get(0).path("change_type").path("value").asText());
    assertEquals("modification", history.get(1).path("audits").get(0).path("change_type").path("value").asText());
    JsonNode version = Api.json(Api.get("/ehr/" + ehrId + "/versioned_ehr_status/version/" + v1Uid));
    assertEquals("ORIGINAL_VERSION", version.path("_type").asText());
    assertEquals(v1Uid, version.path("uid").path("value").asText());
    String versionedUid = Api.json(Api.get("/ehr/" + ehrId + "/versioned_ehr_status")).path("uid").path("value").asText();
    assertTrue(v1Uid.startsWith(versionedUid));
  }

  @Test
  void noPersonalIdentifiersAreStored() {
    // the only subject information an EHR holds is the external reference
    ObjectNode status = (ObjectNode) Api.json(Api.get("/ehr/" + Api.createEhr() + "/ehr_status"));
    assertEquals("PARTY_SELF", status.path("subject").path("_type").asText());
    assertFalse(status.path("subject").has("name"));
  }
}
