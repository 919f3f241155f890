package se.region.cdr.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Contributions commit several versions atomically: all or nothing. */
class ContributionIT {
  static String version(String changeCode, String changeTerm, String preceding, String data) {
    return """
        {"_type":"ORIGINAL_VERSION",%s
         "commit_audit":{"_type":"AUDIT_DETAILS","system_id":"it","committer":{"_type":"PARTY_IDENTIFIED","name":"loader"},
           "change_type":{"_type":"DV_CODED_TEXT","value":"%s","defining_code":{"terminology_id":{"value":"openehr"},"code_string":"%s"}}},
         "lifecycle_state":{"_type":"DV_CODED_TEXT","value":"complete","defining_code":{"terminology_id":{"value":"openehr"},"code_string":"532"}},
         "data":%s}""".formatted(preceding == null ? "" : "\"preceding_version_uid\":{\"value\":\"" + preceding + "\"},", changeTerm, changeCode, data);
  }

  static String contribution(String... versions) {
    return "{\"versions\":[" + String.join(",", versions)
        + "],\"audit\":{\"committer\":{\"_type\":\"PARTY_IDENTIFIED\",\"name\":\"loader\"},\"description\":{\"value\":\"batch 1\"}}}";
  }

  @Test
  void commitsSeveralCompositionsAtomically() throws Exception {
    String ehr = Api.createEhr();
    String composition = Api.read(CompositionIT.EXAMPLES.resolve("example.composition.json"));
    HttpResponse<String> r = Api.post("/ehr/" + ehr + "/contribution",
        contribution(version("249", "creation", null, composition), version("249", "creation", null, composition)),
        "application/json", "Prefer", "return=representation");
    assertEquals(201, r.statusCode(), r.body());
    JsonNode body = Api.json(r);
    assertEquals(2, body.path("versions").size());
    String uid = body.path("uid").path("value").asText();
    JsonNode fetched = Api.json(Api.get("/ehr/" + ehr + "/contribution/" + uid));
    assertEquals(2, fetched.path("versions").size());
    assertEquals("batch 1", fetched.path("audit").path("description").path("value").asText());

    // modify one and delete the other in a second contribution
    String first = body.path("versions").get(0).path("id").path("value").asText();
    String second = body.path("versions").get(1).path("id").path("value").asText();
    HttpResponse<String> r2 = Api.post("/ehr/" + ehr + "/contribution",
        contribution(version("251", "modification", first, composition), version("523", "deleted", second, composition)),
        "application/json", "Prefer", "return=representation");
    assertEquals(201, r2.statusCode(), r2.body());
    String firstObject = first.substring(0, first.indexOf("::"));
    String secondObject = second.substring(0, second.indexOf("::"));
    assertTrue(Api.json(Api.get("/ehr/" + ehr + "/composition/" + firstObject)).path("uid").path("value").asText().endsWith("::2"));
    assertEquals(204, Api.get("/ehr/" + ehr + "/composition/" + secondObject).statusCode());
  }

  @Test
  void oneInvalidVersionRejectsTheWholeContribution() throws Exception {
    String ehr = Api.createEhr();
    String composition = Api.read(CompositionIT.EXAMPLES.resolve("example.composition.json"));
    ObjectNode broken = (ObjectNode) Api.JSON.readTree(composition);
    broken.remove("context");
    broken.remove("composer");
    HttpResponse<String> r = Api.post("/ehr/" + ehr + "/contribution",
        contribution(version("249", "creation", null, composition), version("249", "creation", null, broken.toString())), "application/json");
    assertTrue(r.statusCode() == 422 || r.statusCode() == 400, r.statusCode() + " " + r.body());
    assertTrue(Api.json(r).path("message").asText().contains("/versions[1]"), r.body());
    HttpResponse<String> staleModification = Api.post("/ehr/" + ehr + "/contribution",
        contribution(version("249", "creation", null, composition),
            version("251", "modification", "6cb19121-4307-4ed8-8bc6-2d5f3ab3b6ba::" + TestServer.SYSTEM_ID + "::1", composition)), "application/json");
    assertEquals(404, staleModification.statusCode(), staleModification.body());
    try (var c = TestServer.get().cdr().database().dataSource().getConnection();
        var rs = c.createStatement().executeQuery(
            "select count(*) from composition x join ehr e on e.id = x.ehr where e.ehr_id = '" + ehr + "'")) {
      rs.next();
      assertEquals(0, rs.getInt(1), "nothing of a rejected contribution is stored");
    }
    assertEquals(400, Api.post("/ehr/" + ehr + "/contribution", "{\"versions\":[]}", "application/json").statusCode());
  }
}
