package se.region.cdr.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The project's common template set ({@code ../templates/<dir>/}, loaded by the server at start-up)
 * against the real server. For every template directory: the template is listed; its canonical
 * example is accepted (201); its FLAT example is accepted with {@code ?format=FLAT&templateId=...}
 * and read back as FLAT with every sent key equal (FLAT → canonical → FLAT); one key value is found
 * by AQL on the path its README documents; and a copy of the canonical example without the
 * mandatory provenance cluster is refused with 422 naming the cluster's path.
 *
 * <p>Not checked, because the server does not enforce it today (the EHRbase SDK validator leaves
 * external terminologies to an external terminology service, which the CDR does not configure): a
 * coded element with the wrong terminology id (ICD-10 for ICD-10-SE, LOINC for NPU) is accepted.
 */
class CommonTemplatesIT {
  static final Path TEMPLATES = Path.of("..", "templates");

  /** Per template directory: the entry to contain, the path below it, and the value the examples give. */
  record KeyValue(String entry, String path, String expected) {}

  static final Map<String, KeyValue> KEYS = Map.of(
      "vital_signs", new KeyValue("OBSERVATION o[openEHR-EHR-OBSERVATION.blood_pressure.v2]", "/data[at0001]/events[at0006]/data[at0003]/items[at0004]/value/magnitude", "128"),
      "laboratory_result", new KeyValue("OBSERVATION o[openEHR-EHR-OBSERVATION.laboratory_test_result.v1] CONTAINS CLUSTER x[openEHR-EHR-CLUSTER.laboratory_test_analyte.v1]",
          "/items[at0024]/value/defining_code/code_string", "NPU03230"),
      "diagnosis", new KeyValue("EVALUATION x[openEHR-EHR-EVALUATION.problem_diagnosis.v1]", "/data[at0001]/items[at0002]/value/defining_code/code_string", "J18.9"),
      "procedure", new KeyValue("ACTION x[openEHR-EHR-ACTION.procedure.v1]", "/description[at0001]/items[at0002]/value/defining_code/code_string", "AF063"),
      "medication_order", new KeyValue("INSTRUCTION x[openEHR-EHR-INSTRUCTION.medication_order.v3]",
          "/activities[at0001]/description[at0002]/items[at0070]/value/defining_code/code_string", "A02BC01"),
      "medication_statement", new KeyValue("ACTION x[openEHR-EHR-ACTION.medication.v1]", "/description[at0017]/items[at0020]/value/defining_code/code_string", "C09AA05"),
      "referral", new KeyValue("INSTRUCTION x[openEHR-EHR-INSTRUCTION.service_request.v1]",
          "/activities[at0001]/description[at0009]/items[at0062]/value/defining_code/code_string", "M17.1"),
      "care_contact", new KeyValue("ADMIN_ENTRY x[openEHR-EHR-ADMIN_ENTRY.admission.v0]", "/data[at0001]/items[at0002]/value/defining_code/code_string", "I"),
      "bed_occupancy", new KeyValue("ADMIN_ENTRY x[openEHR-EHR-ADMIN_ENTRY.cdr_bed_occupancy.v0]", "/data[at0001]/items[at0004]/value/magnitude", "26"),
      "contact_cost", new KeyValue("ADMIN_ENTRY x[openEHR-EHR-ADMIN_ENTRY.cdr_contact_cost.v0]", "/data[at0001]/items[at0003]/value/magnitude", "48210.5"));

  /** Template directories: those holding an OPT and both examples. */
  static List<Path> templateDirs() throws IOException {
    try (Stream<Path> s = Files.list(TEMPLATES)) {
      return s.filter(d -> Files.exists(d.resolve("example.composition.json")) && Files.exists(d.resolve("example.flat.json")) && opt(d) != null)
          .sorted().toList();
    }
  }

  static Path opt(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".opt")).findFirst().orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  static String templateId(Path dir) {
    String file = opt(dir).getFileName().toString();
    return file.substring(0, file.length() - ".opt".length());
  }

  @Test
  void everyTemplateDirectoryHasAKeyValue() throws IOException {
    List<String> dirs = templateDirs().stream().map(d -> d.getFileName().toString()).toList();
    assertTrue(dirs.size() >= 10, dirs.toString());
    assertEquals(List.of(), dirs.stream().filter(d -> !KEYS.containsKey(d)).toList(), "template directories without a key value in KEYS");
  }

  @TestFactory
  Stream<DynamicNode> everyTemplateWorksEndToEnd() throws IOException {
    return templateDirs().stream().map(dir -> {
      String id = templateId(dir);
      Map<String, String> state = new HashMap<>();
      return dynamicContainer(dir.getFileName().toString(), Stream.of(
          dynamicTest("listed after start-up", () -> listed(id)),
          dynamicTest("canonical example is accepted", () -> state.put("ehr", canonicalAccepted(dir, id))),
          dynamicTest("FLAT example round-trips", () -> flatRoundTrip(dir, id, state.computeIfAbsent("ehr", k -> Api.createEhr()))),
          dynamicTest("key value found by AQL", () -> keyValueByAql(dir, id, state.get("ehr"))),
          dynamicTest("missing provenance is refused with its path", () -> missingProvenanceRefused(dir))));
    });
  }

  static void listed(String id) {
    JsonNode list = Api.json(Api.get("/definition/template/adl1.4"));
    List<String> ids = new ArrayList<>();
    list.forEach(t -> ids.add(t.path("template_id").asText()));
    assertTrue(ids.contains(id), id + " not in " + ids);
  }

  static String canonicalAccepted(Path dir, String id) throws IOException {
    String ehr = Api.createEhr();
    HttpResponse<String> r = Api.post("/ehr/" + ehr + "/composition", Api.read(dir.resolve("example.composition.json")), "application/json",
        "Prefer", "return=representation");
    assertEquals(201, r.statusCode(), r.body());
    assertEquals(id, Api.json(r).path("archetype_details").path("template_id").path("value").asText());
    return ehr;
  }

  static void flatRoundTrip(Path dir, String id, String ehr) throws IOException {
    JsonNode sent = Api.JSON.readTree(Api.read(dir.resolve("example.flat.json")));
    HttpResponse<String> r = Api.post("/ehr/" + ehr + "/composition?format=FLAT&templateId=" + Api.encode(id), sent.toString(), "application/json");
    assertEquals(201, r.statusCode(), r.body());
    String versionUid = r.headers().firstValue("ETag").orElseThrow().replace("\"", "");
    HttpResponse<String> canonical = Api.get("/ehr/" + ehr + "/composition/" + versionUid);
    assertEquals(200, canonical.statusCode(), canonical.body());
    assertEquals(id, Api.json(canonical).path("archetype_details").path("template_id").path("value").asText());
    HttpResponse<String> flat = Api.get("/ehr/" + ehr + "/composition/" + versionUid + "?format=FLAT");
    assertEquals(200, flat.statusCode(), flat.body());
    JsonNode back = Api.json(flat);
    Map<String, JsonNode> backByLooseKey = new HashMap<>();
    back.fields().forEachRemaining(e -> backByLooseKey.putIfAbsent(loose(e.getKey()), e.getValue()));
    List<String> losses = new ArrayList<>();
    sent.fields().forEachRemaining(e -> {
      if (e.getKey().startsWith("ctx/")) {
        return;
      }
      JsonNode value = backByLooseKey.get(loose(e.getKey()));
      if (value == null || !JsonDiff.sameFlatValue(e.getValue(), value)) {
        losses.add(e.getKey() + ": sent " + JsonDiff.brief(e.getValue()) + ", read back " + JsonDiff.brief(value));
      }
    });
    assertEquals(List.of(), losses, "FLAT keys that did not come back equal");
  }

  /** The first occurrence may come back with or without its :0 index. */
  static String loose(String key) {
    return key.replaceAll(":0(?=[/|]|$)", "");
  }

  static void keyValueByAql(Path dir, String id, String ehr) {
    KeyValue key = KEYS.get(dir.getFileName().toString());
    String alias = key.entry().contains(" x[") ? "x" : "o";
    String aql = "SELECT " + alias + key.path() + " FROM EHR e[ehr_id/value=$ehr] CONTAINS COMPOSITION c CONTAINS " + key.entry()
        + " WHERE c/archetype_details/template_id/value = $template";
    String body = "{\"q\":" + Api.JSON.valueToTree(aql) + ",\"query_parameters\":{\"ehr\":\"" + ehr + "\",\"template\":" + Api.JSON.valueToTree(id) + "}}";
    HttpResponse<String> r = Api.post("/query/aql", body, "application/json");
    assertEquals(200, r.statusCode(), aql + " -> " + r.body());
    List<String> values = new ArrayList<>();
    Api.json(r).path("rows").forEach(row -> values.add(row.get(0).isNumber() ? trim(row.get(0).asDouble()) : row.get(0).asText()));
    assertFalse(values.isEmpty(), aql);
    assertTrue(values.contains(key.expected()), aql + " -> " + values);
  }

  static String trim(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  static void missingProvenanceRefused(Path dir) throws IOException {
    ObjectNode c = (ObjectNode) Api.JSON.readTree(Api.read(dir.resolve("example.composition.json")));
    ArrayNode items = (ArrayNode) c.path("context").path("other_context").path("items");
    for (int i = items.size() - 1; i >= 0; i--) {
      if (items.get(i).path("archetype_node_id").asText().equals("openEHR-EHR-CLUSTER.cdr_provenance.v0")) {
        items.remove(i);
      }
    }
    HttpResponse<String> r = Api.post("/ehr/" + Api.createEhr() + "/composition", c.toString(), "application/json");
    assertEquals(422, r.statusCode(), r.body());
    String details = Api.json(r).path("details").toString();
    assertTrue(details.contains("/context/other_context[") && details.contains("items[openEHR-EHR-CLUSTER.cdr_provenance.v0]"), details);
  }

  /** External code systems the templates name (ICD-10-SE, NPU, ATC, KVA) are enforced, not only local codes. */
  @Test
  void wrongCodeSystemIsRefusedWithItsPath() throws IOException {
    Map<String, String> wrong = Map.of("diagnosis", "ICD-10", "laboratory_result", "LOINC", "medication_order", "WHO-ATC", "procedure", "NCSP");
    for (Map.Entry<String, String> e : wrong.entrySet()) {
      Path dir = TEMPLATES.resolve(e.getKey());
      String body = Api.read(dir.resolve("example.composition.json"));
      String expected = KEYS.get(e.getKey()).toString();
      ObjectNode c = (ObjectNode) Api.JSON.readTree(body);
      int changed = renameCodeSystems(c, e.getValue());
      assertTrue(changed > 0, e.getKey() + ": no external code system in the example");
      HttpResponse<String> r = Api.post("/ehr/" + Api.createEhr() + "/composition", c.toString(), "application/json");
      assertEquals(422, r.statusCode(), e.getKey() + " " + expected + ": " + r.body());
      String details = Api.json(r).path("details").toString();
      assertTrue(details.contains("/defining_code: code system '" + e.getValue() + "' is not allowed here"), details);
    }
  }

  /** Renames every terminology id other than local, openehr and the ISO ones; returns how many. */
  static int renameCodeSystems(JsonNode node, String to) {
    int n = 0;
    if (node.isObject()) {
      JsonNode terminology = node.path("terminology_id");
      String id = terminology.path("value").asText("");
      if (terminology.isObject() && !id.isEmpty() && !id.equals("local") && !id.equals("openehr") && !id.startsWith("ISO_")) {
        ((ObjectNode) terminology).put("value", to);
        n++;
      }
      for (JsonNode child : node) {
        n += renameCodeSystems(child, to);
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        n += renameCodeSystems(child, to);
      }
    }
    return n;
  }
}
