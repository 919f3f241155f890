package se.region.cdr.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.region.cdr.server.Api.REFERENCE;
import static se.region.cdr.server.Api.TEST_DATA;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Document;

/**
 * Every canonical reference composition (JSON and XML) whose template is among the reference OPTs
 * is accepted with 201 and reads back equal; the deliberately invalid ones are refused.
 *
 * <p>Sources, each file one case named by its path under the reference data: the robot tests'
 * {@code compositions/CANONICAL_JSON} and {@code CANONICAL_XML}, the AQL data load's canonical
 * compositions (its FLAT files are {@link FlatRoundTripIT}'s), the SDK's {@code canonical_json}
 * examples and the conformance documentation's canonical compositions (not its {@code *_flat.json}).
 *
 * <p>What each case expects, decided from the file name and content:
 * <ul>
 *   <li><b>refused</b> (400 or 422 with an error body; 422 also lists details): names containing
 *       {@code invalid} or {@code wrong}, the robot tests' negative cases: broken structure (not
 *       parseable, 400), a template that does not exist (422), nodes that are not in the template
 *       ({@code nodes_in_template_invalid}, 422). Also the files in {@link #INVALID_AS_IS}, which
 *       break their template or the RM as they stand (content checked by hand; the reason is there).
 *   <li><b>skipped</b>, counted and printed: a composition whose {@code archetype_details/template_id}
 *       is not among the uploaded OPTs (e.g. {@code hc3_spirometry_test_result_v0.6}, {@code Demo
 *       Vitals}); one written for another OPT of its template id than the stored one ({@link
 *       #OTHER_TEMPLATE_VARIANT}); and the {@code terminology_test*} files whose codes are wrong only for an
 *       external FHIR terminology server ({@code invalid}, {@code non_existing}): EHRbase checks them
 *       only with such a server configured, this CDR does no external terminology validation, so
 *       neither answer would be a conformance result.
 *   <li><b>accepted</b>: everything else. The read-back (GET by the returned version uid, as JSON;
 *       as XML for XML input) must equal what was sent, ignoring the root {@code uid}; object keys
 *       in any order, arrays in order, numbers by value.
 * </ul>
 *
 * <p>A composition that carries its own root {@code uid} gets a fresh object id before it is sent
 * (several files share one, and the robot placeholders are not valid ids); the server must keep it.
 */
class ReferenceCompositionsIT {
  private static final String SUITE = "ReferenceCompositionsIT";
  private static final KnownFailures KNOWN = KnownFailures.load(SUITE);
  private static final Map<String, Path> SOURCES = new LinkedHashMap<>();
  /**
   * Reference files that are not valid as they stand, by the end of their path, with why: the robot
   * tests' {@code Test_dv_*} fixtures, whose values those tests overwrite before sending, an SDK
   * serialisation sample that breaks RM invariants, and a robot composition with content archetypes
   * its OPT lacks.
   */
  private static final Map<String, String> INVALID_AS_IS = Map.of(
      "CANONICAL_JSON/Test_dv_boolean_true_false.v0__.json", "DV_BOOLEAN false where the template allows only true",
      "CANONICAL_JSON/Test_dv_count_range_constraint.v0__.json", "DV_COUNT 25 outside the template's 10..20",
      "CANONICAL_JSON/Test_dv_interval_dv_count_lower_upper_constraint.v0__.json", "interval limits -10 and 200 outside the template's 0..100",
      "CANONICAL_JSON/Test_dv_interval_dv_count_open_constraint.v0__.json", "interval lower 200 above upper 100 (RM invariant Limits_consistent)",
      "CANONICAL_JSON/Test_dv_interval_dv_quantity_lower_upper_constraint.v0__.json", "interval limits -10 mm and 200 mm outside the template's 0..100",
      "CANONICAL_JSON/Test_dv_interval_dv_quantity_open_constraint.v0__.json", "interval lower 200 mm above upper 100 mm (RM invariant Limits_consistent)",
      "CANONICAL_JSON/Test_dv_proportion_open_constraint.v0__.json", "DV_PROPORTION type 898 (RM invariant Type_validity allows 0..4)",
      "CANONICAL_JSON/Test_dv_proportion_open_constraint_precision_1.v0__.json", "DV_PROPORTION type 4 (fraction) with denominator 500.5 (RM invariant Fraction_validity)",
      "CANONICAL_JSON/clinical_content_validation__full.json", "content archetypes INSTRUCTION.instruction_test.v0, ACTION.action_test.v0 and"
          + " OBSERVATION.observation_test.v0 are not in its OPT, which has valiadation_instruction_test.v0, validation_action_test.v0 and"
          + " validation_observation_test.v0 (see clinicalContentValidationIsRefusedOnlyForArchetypesItsOptLacks)",
      "composition/canonical_json/all_types_systematic_tests.json", "encoding in terminology 'Unicode', entries without archetype_details, an ELEMENT with neither value nor null_flavour");

  static {
    SOURCES.put("CANONICAL_JSON", TEST_DATA.resolve("compositions/CANONICAL_JSON"));
    SOURCES.put("CANONICAL_XML", TEST_DATA.resolve("compositions/CANONICAL_XML"));
    SOURCES.put("aql data_load", TEST_DATA.resolve("aql/data_load/compositions"));
    SOURCES.put("SDK canonical_json", ReferenceTemplates.SDK_RESOURCES.resolve("composition/canonical_json"));
    SOURCES.put("conformance docs", REFERENCE.resolve("conformance-testing-documentation/compositions"));
  }

  /**
   * Compositions written for another OPT of the same template id than the one stored (the server
   * keeps the first upload; see {@link ReferenceTemplates}), by the end of their path, with why.
   * A test-data collision, not a server fault.
   */
  private static final Map<String, String> OTHER_TEMPLATE_VARIANT = Map.of(
      "aql/data_load/compositions/external/minimal_evaluation.json",
      "written for aql/data_load/opts/external/minimal_evaluation.opt; the stored minimal_evaluation.en.v1 is valid_templates/minimal/minimal_evaluation.opt,"
          + " whose ITEM_TREE has no at0003-at0005");

  private static ReferenceTemplates templates;
  private static String ehrId;

  @BeforeAll
  static void uploadTemplates() {
    templates = ReferenceTemplates.get();
    ehrId = Api.createEhr();
  }

  @AfterAll
  static void printSummary() {
    System.out.println(KNOWN.summary());
    if (templates != null && !templates.refused().isEmpty()) {
      System.out.println(SUITE + ": reference OPTs the server refused: " + templates.refused());
    }
  }

  /** Every case, by source: canonical JSON (not FLAT maps) and canonical XML files. */
  static Map<Path, String> cases() {
    Map<Path, String> cases = new LinkedHashMap<>();
    SOURCES.forEach((source, dir) -> {
      for (Path f : ReferenceTemplates.files(dir, "")) {
        String name = f.getFileName().toString();
        boolean xml = name.endsWith(".xml");
        if ((xml || name.endsWith(".json")) && !name.endsWith("_flat.json") && (xml || !isFlat(f))) {
          cases.put(f, source);
        }
      }
    });
    return cases;
  }

  /** A FLAT (simSDT) map: a JSON object without {@code _type} whose keys are paths. */
  private static boolean isFlat(Path f) {
    try {
      JsonNode n = Api.JSON.readTree(Api.read(f));
      return n.isObject() && !n.has("_type") && n.fieldNames().hasNext() && n.fieldNames().next().contains("/");
    } catch (IOException e) {
      return false;
    }
  }

  static String caseName(Path f) {
    return REFERENCE.relativize(f).toString();
  }

  @TestFactory
  Stream<DynamicTest> referenceCompositions() {
    return cases().entrySet().stream().map(c -> KNOWN.test(c.getValue(), caseName(c.getKey()), () -> run(c.getKey())));
  }

  @Test
  void invalidAsIsNamesExistingFiles() {
    List<String> names = cases().keySet().stream().map(ReferenceCompositionsIT::caseName).toList();
    for (String suffix : Stream.concat(INVALID_AS_IS.keySet().stream(), OTHER_TEMPLATE_VARIANT.keySet().stream()).toList()) {
      assertEquals(1, names.stream().filter(n -> n.endsWith(suffix)).count(), suffix);
    }
  }

  @Test
  void knownFailuresListOnlyExistingCases() {
    List<String> names = cases().keySet().stream().map(ReferenceCompositionsIT::caseName).toList();
    assertEquals(List.of(), KNOWN.orphans(names), "known-failures/" + SUITE + ".txt names cases that do not exist");
  }

  /**
   * {@code clinical_content_validation__full.json} is refused only for the three content archetypes
   * its OPT lacks; without them it is accepted (four EVALUATION archetype roots, items in the
   * SECTION the OPT leaves unconstrained, an ITEM_TABLE) and reads back equal.
   */
  @Test
  void clinicalContentValidationIsRefusedOnlyForArchetypesItsOptLacks() {
    ObjectNode composition = (ObjectNode) parse(Api.read(TEST_DATA.resolve("compositions/CANONICAL_JSON/clinical_content_validation__full.json")));
    List<String> foreign = List.of(
        "openEHR-EHR-INSTRUCTION.instruction_test.v0", "openEHR-EHR-ACTION.action_test.v0", "openEHR-EHR-OBSERVATION.observation_test.v0");
    HttpResponse<String> refused = Api.post("/ehr/" + ehrId + "/composition", composition.toString(), "application/json");
    assertEquals(422, refused.statusCode(), refused.body());
    for (JsonNode detail : Api.json(refused).path("details")) {
      assertTrue(foreign.stream().anyMatch(id -> detail.asText().startsWith("/content[" + id + "]")), detail.asText());
    }
    ArrayNode content = (ArrayNode) composition.get("content");
    for (int i = content.size() - 1; i >= 0; i--) {
      if (foreign.contains(content.get(i).path("archetype_node_id").asText())) {
        content.remove(i);
      }
    }
    assertEquals(KnownFailures.ACCEPTED, roundTripJson(composition.toString()));
  }

  private static String run(Path file) throws Exception {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean xml = name.endsWith(".xml");
    String path = caseName(file);
    boolean negative = name.contains("invalid") || name.contains("wrong")
        || INVALID_AS_IS.keySet().stream().anyMatch(path::endsWith);
    if (name.startsWith("terminology_test") && (negative || name.contains("non_existing"))) {
      throw KnownFailures.skip("external-terminology negative case (needs a FHIR terminology server; not validated by this CDR)");
    }
    OTHER_TEMPLATE_VARIANT.forEach((suffix, why) -> {
      if (path.endsWith(suffix)) {
        throw KnownFailures.skip("other variant of the template: " + why);
      }
    });
    String body = Api.read(file);
    String contentType = xml ? "application/xml" : "application/json";
    if (negative) {
      return expectRefused(Api.post("/ehr/" + ehrId + "/composition", body, contentType));
    }
    return xml ? roundTripXml(body) : roundTripJson(body);
  }

  static String expectRefused(HttpResponse<String> r) {
    assertTrue(r.statusCode() == 400 || r.statusCode() == 422, "expected 400 or 422, got " + r.statusCode() + ": " + r.body());
    JsonNode error = Api.json(r);
    assertTrue(error.path("message").asText().length() > 5, r.body());
    if (r.statusCode() == 422) {
      assertTrue(error.path("details").size() > 0, "422 without details: " + r.body());
    }
    return KnownFailures.REJECTED;
  }

  private static String roundTripJson(String body) {
    JsonNode sent = parse(body);
    String templateId = sent.path("archetype_details").path("template_id").path("value").asText(null);
    requireTemplate(templateId);
    String objectId = null;
    if (sent.has("uid")) {
      objectId = UUID.randomUUID().toString();
      String old = sent.path("uid").path("value").asText("");
      String rest = old.contains("::") ? old.substring(old.indexOf("::")) : "";
      ((ObjectNode) sent.get("uid")).put("value", objectId + rest);
    }
    String versionUid = create(sent.toString(), "application/json", objectId);
    HttpResponse<String> got = Api.get("/ehr/" + ehrId + "/composition/" + versionUid, "Accept", "application/json");
    assertEquals(200, got.statusCode(), got.body());
    JsonNode back = Api.json(got);
    assertEquals(versionUid, back.path("uid").path("value").asText(), "read-back uid is the version uid");
    ObjectNode expected = sent.deepCopy();
    ObjectNode actual = back.deepCopy();
    expected.remove("uid");
    actual.remove("uid");
    List<String> diffs = JsonDiff.diff(expected, actual);
    assertTrue(diffs.isEmpty(), "read-back differs from what was sent:\n" + String.join("\n", diffs));
    return KnownFailures.ACCEPTED;
  }

  private static String roundTripXml(String body) throws Exception {
    Document sent = XmlTrees.parse(body);
    requireTemplate(XmlTrees.rootTemplateId(sent));
    String objectId = XmlTrees.replaceRootUid(sent);
    String versionUid = create(XmlTrees.write(sent), "application/xml", objectId);
    HttpResponse<String> got = Api.get("/ehr/" + ehrId + "/composition/" + versionUid, "Accept", "application/xml");
    assertEquals(200, got.statusCode(), got.body());
    Document back = XmlTrees.parse(got.body());
    List<String> diffs = new ArrayList<>();
    XmlTrees.diff(sent.getDocumentElement(), back.getDocumentElement(), diffs);
    assertTrue(diffs.isEmpty(), "read-back differs from what was sent:\n" + String.join("\n", diffs));
    return KnownFailures.ACCEPTED;
  }

  private static JsonNode parse(String body) {
    try {
      return Api.JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("reference file is not JSON: " + e.getMessage(), e);
    }
  }

  private static void requireTemplate(String templateId) {
    if (templateId == null || !templates.hasReference(templateId)) {
      throw KnownFailures.skip("no template: " + templateId);
    }
  }

  /** POSTs and returns the version uid from the ETag; checks Location and a client-chosen uid. */
  private static String create(String body, String contentType, String objectId) {
    HttpResponse<String> r = Api.post("/ehr/" + ehrId + "/composition", body, contentType);
    assertEquals(201, r.statusCode(), r.body());
    String etag = r.headers().firstValue("ETag").orElse(null);
    assertNotNull(etag, "ETag");
    assertTrue(r.headers().firstValue("Location").isPresent(), "Location");
    String versionUid = etag.replace("\"", "");
    if (objectId != null) {
      assertTrue(versionUid.startsWith(objectId + "::"), "server kept the composition's own uid " + objectId + ": " + versionUid);
    }
    return versionUid;
  }
}
