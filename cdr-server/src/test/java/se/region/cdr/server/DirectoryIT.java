package se.region.cdr.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The EHR directory endpoints: create (409 twice), versioned update and delete with If-Match (400
 * without, 412 stale), reads of the latest, at a time, by version uid and by folder path, bad
 * input (400 with the path) and unknown EHRs (404). Bodies are the reference data's directory files.
 */
class DirectoryIT {
  private static final Path DIR = Api.TEST_DATA.resolve("directory");

  private static String file(String name) {
    return Api.read(DIR.resolve(name));
  }

  private static String etag(HttpResponse<String> r) {
    return r.headers().firstValue("ETag").orElseThrow().replace("\"", "");
  }

  @Test
  void createReadUpdateDeleteWithVersions() throws Exception {
    String ehr = Api.createEhr();
    String base = "/ehr/" + ehr + "/directory";
    assertEquals(404, Api.get(base).statusCode(), "no directory yet");

    HttpResponse<String> created = Api.post(base, file("subfolders_in_directory.json"), "application/json");
    assertEquals(201, created.statusCode(), created.body());
    assertTrue(created.body().isEmpty(), "Prefer: return=minimal is the default");
    String v1 = etag(created);
    assertTrue(v1.endsWith("::" + TestServer.SYSTEM_ID + "::1"), v1);
    assertTrue(created.headers().firstValue("Location").orElseThrow().endsWith(base + "/" + v1));
    assertTrue(created.headers().firstValue("Last-Modified").isPresent());
    assertEquals(409, Api.post(base, file("subfolders_in_directory.json"), "application/json").statusCode(), "one directory per EHR");

    HttpResponse<String> latest = Api.get(base);
    assertEquals(200, latest.statusCode());
    JsonNode root = Api.json(latest);
    assertEquals("FOLDER", root.path("_type").asText());
    assertEquals(v1, root.path("uid").path("value").asText(), "the root folder's uid is the version uid");
    assertEquals(3, root.path("folders").size());
    assertEquals(v1, etag(latest));

    Thread.sleep(20);
    Instant betweenV1AndV2 = Instant.now();
    Thread.sleep(20);

    // update: If-Match required, stale version refused, new version returned on representation
    assertEquals(400, Api.put(base, file("subfolders_in_directory_items.json"), "application/json").statusCode());
    HttpResponse<String> stale = Api.put(base, file("subfolders_in_directory_items.json"), "application/json",
        "If-Match", "\"" + v1.replace("::1", "::7") + "\"");
    assertEquals(412, stale.statusCode(), stale.body());
    HttpResponse<String> updated = Api.put(base, file("subfolders_in_directory_items.json"), "application/json",
        "If-Match", "\"" + v1 + "\"", "Prefer", "return=representation");
    assertEquals(200, updated.statusCode(), updated.body());
    String v2 = etag(updated);
    assertEquals(v1.replace("::1", "::2"), v2);
    assertEquals(1, Api.json(updated).path("items").size());
    assertEquals(412, Api.put(base, file("subfolders_in_directory.json"), "application/json", "If-Match", v1).statusCode(),
        "v1 is no longer the latest");

    // reads: latest, by version uid, at a time, by path
    assertEquals(1, Api.json(Api.get(base)).path("items").size());
    assertEquals(0, Api.json(Api.get(base + "/" + v1)).path("items").size());
    assertEquals(1, Api.json(Api.get(base + "/" + v2)).path("items").size());
    HttpResponse<String> atV1 = Api.get(base + "?version_at_time=" + Api.encode(betweenV1AndV2.toString()));
    assertEquals(200, atV1.statusCode(), atV1.body());
    assertEquals(v1, etag(atV1));
    assertEquals(404, Api.get(base + "?version_at_time=2000-01-01T00:00:00Z").statusCode(), "no directory then");
    HttpResponse<String> sub = Api.get(base + "?path=" + Api.encode("subfolder 2"));
    assertEquals(200, sub.statusCode(), sub.body());
    assertEquals("subfolder 2", Api.json(sub).path("name").path("value").asText());
    assertEquals(200, Api.get(base + "/" + v1 + "?path=hospitalization").statusCode());
    assertEquals(404, Api.get(base + "/" + v2 + "?path=hospitalization").statusCode(), "v2 has other folders");
    assertEquals(404, Api.get(base + "?path=" + Api.encode("subfolder 3")).statusCode());
    assertEquals(404, Api.get(base + "/" + v1.replace("::1", "::9")).statusCode());

    // delete: If-Match; afterwards the latest read is 204, earlier versions stay readable
    assertEquals(400, Api.delete(base).statusCode());
    assertEquals(412, Api.delete(base, "If-Match", v1).statusCode());
    HttpResponse<String> deleted = Api.delete(base, "If-Match", v2);
    assertEquals(204, deleted.statusCode(), deleted.body());
    String v3 = etag(deleted);
    assertEquals(v1.replace("::1", "::3"), v3);
    assertEquals(204, Api.get(base).statusCode(), "the latest version is a deletion");
    assertEquals(200, Api.get(base + "/" + v2).statusCode());
    assertEquals(404, Api.put(base, file("subfolders_in_directory.json"), "application/json", "If-Match", v3).statusCode(),
        "a deleted directory cannot be updated");

    // a deleted directory can be created again: the next version of the same versioned object
    HttpResponse<String> again = Api.post(base, file("empty_directory.json"), "application/json");
    assertEquals(201, again.statusCode(), again.body());
    assertEquals(v1.replace("::1", "::4"), etag(again));
  }

  @Test
  void nestedPathsAndPostedUid() {
    String ehr = Api.createEhr();
    String base = "/ehr/" + ehr + "/directory";
    String uid = UUID.randomUUID().toString();
    String body = """
        {"_type":"FOLDER","uid":{"_type":"HIER_OBJECT_ID","value":"%s"},"name":{"_type":"DV_TEXT","value":"root"},
         "archetype_node_id":"openEHR-EHR-FOLDER.generic.v1",
         "folders":[{"_type":"FOLDER","name":{"_type":"DV_TEXT","value":"episodes"},"archetype_node_id":"openEHR-EHR-FOLDER.generic.v1",
           "folders":[{"_type":"FOLDER","name":{"_type":"DV_TEXT","value":"a4"},"archetype_node_id":"openEHR-EHR-FOLDER.episode_of_care.v1",
             "items":[{"id":{"_type":"HIER_OBJECT_ID","value":"%s"},"namespace":"local","type":"VERSIONED_COMPOSITION"}]}]}]}"""
        .formatted(uid, UUID.randomUUID());
    HttpResponse<String> created = Api.post(base, body, "application/json", "Prefer", "return=representation");
    assertEquals(201, created.statusCode(), created.body());
    assertEquals(uid + "::" + TestServer.SYSTEM_ID + "::1", etag(created), "a posted uid becomes the versioned object id");
    HttpResponse<String> a4 = Api.get(base + "?path=episodes/a4");
    assertEquals(200, a4.statusCode(), a4.body());
    assertEquals("a4", Api.json(a4).path("name").path("value").asText());
    assertEquals(1, Api.json(a4).path("items").size());
    assertEquals(200, Api.get(base + "?path=root/episodes").statusCode(), "a path may start with the root's name");
    assertEquals(404, Api.get(base + "?path=episodes/a5").statusCode());
    assertEquals(200, Api.get(base, "Accept", "application/xml").statusCode());
    // served under the EHRbase prefix too
    HttpResponse<String> ehrbase = Api.get(Api.api().replace("/openehr/v1", "/ehrbase/rest/openehr/v1") + base + "?path=episodes");
    assertEquals(200, ehrbase.statusCode(), ehrbase.body());
  }

  @Test
  void badInputIs400WithThePath() {
    String ehr = Api.createEhr();
    String base = "/ehr/" + ehr + "/directory";
    assertEquals(400, Api.post(base, "{not json", "application/json").statusCode());
    assertEquals(400, Api.post(base, "{\"_type\":\"COMPOSITION\",\"name\":{\"value\":\"x\"}}", "application/json").statusCode());

    HttpResponse<String> noName = Api.post(base, """
        {"_type":"FOLDER","archetype_node_id":"openEHR-EHR-FOLDER.generic.v1","name":{"_type":"DV_TEXT","value":"root"},
         "folders":[{"_type":"FOLDER","archetype_node_id":"openEHR-EHR-FOLDER.generic.v1"}]}""", "application/json");
    assertEquals(400, noName.statusCode(), noName.body());
    assertTrue(noName.body().contains("/folders[0]/name"), noName.body());

    HttpResponse<String> badItem = Api.post(base, """
        {"_type":"FOLDER","archetype_node_id":"openEHR-EHR-FOLDER.generic.v1","name":{"_type":"DV_TEXT","value":"root"},
         "items":[{"namespace":"local","type":"VERSIONED_COMPOSITION"}]}""", "application/json");
    assertEquals(400, badItem.statusCode(), badItem.body());
    assertTrue(badItem.body().contains("/items[0]/id"), badItem.body());

    HttpResponse<String> twins = Api.post(base, """
        {"_type":"FOLDER","archetype_node_id":"openEHR-EHR-FOLDER.generic.v1","name":{"_type":"DV_TEXT","value":"root"},
         "folders":[{"_type":"FOLDER","archetype_node_id":"a","name":{"_type":"DV_TEXT","value":"x"}},
                    {"_type":"FOLDER","archetype_node_id":"a","name":{"_type":"DV_TEXT","value":"x"}}]}""", "application/json");
    assertEquals(400, twins.statusCode(), twins.body());
    assertTrue(twins.body().contains("/folders[1]/name"), twins.body());

    HttpResponse<String> wrongRm = Api.post(base, """
        {"_type":"FOLDER","archetype_node_id":"openEHR-EHR-FOLDER.generic.v1","name":{"_type":"DV_TEXT","value":"root"},
         "folders":[{"_type":"DV_TEXT","value":"not a folder"}]}""", "application/json");
    assertEquals(400, wrongRm.statusCode(), wrongRm.body());
    assertEquals(404, Api.get(base).statusCode(), "nothing was stored");
  }

  @Test
  void unknownEhrIs404() {
    String base = "/ehr/" + UUID.randomUUID() + "/directory";
    assertEquals(404, Api.post(base, file("empty_directory.json"), "application/json").statusCode());
    assertEquals(404, Api.get(base).statusCode());
    assertEquals(404, Api.put(base, file("empty_directory.json"), "application/json", "If-Match", UUID.randomUUID() + "::x::1").statusCode());
    assertEquals(404, Api.delete(base, "If-Match", UUID.randomUUID() + "::x::1").statusCode());
    assertEquals(404, Api.get("/ehr/not-a-uuid/directory").statusCode());
  }
}
