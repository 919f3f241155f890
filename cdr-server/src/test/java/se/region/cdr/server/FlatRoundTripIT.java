package se.region.cdr.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.region.cdr.server.Api.REFERENCE;
import static se.region.cdr.server.Api.TEST_DATA;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ehrbase.openehr.sdk.test_data.composition.CompositionTestDataConformanceSDTJson;
import org.ehrbase.openehr.sdk.test_data.composition.CompositionTestDataSimSDTJson;
import org.ehrbase.openehr.sdk.test_data.composition.CompositionTestDataSimSDTJsonInterface;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every simSDT FLAT (and STRUCTURED) example round-trips without loss: POST it with
 * {@code ?format=FLAT&templateId=...} (201), GET it back with {@code ?format=FLAT} and find every
 * key that was sent with an equal value ({@link JsonDiff#sameFlatValue}: as JSON, numbers by value,
 * date/times and durations whose text differs only in format). A first occurrence may come back
 * with or without its {@code :0} index, and DV_IDENTIFIER's short form as {@code |id}. The server
 * may add keys (defaults such as {@code setting}, {@code |terminology}, participations from ctx);
 * what it adds is counted and printed. {@code ctx/...} keys are instructions rather than data: the
 * ones with a fixed target ({@code language}, {@code territory}, {@code composer_name}, {@code
 * time}, {@code health_care_facility}) must come back there unless the example also sets the target
 * itself; the others, and {@code |raw} (RM JSON embedded in FLAT), are counted as not compared.
 * STRUCTURED examples are flattened to paths on both sides and compared the same way.
 *
 * <p>Sources, each file one case named by its path under the reference data: the robot tests'
 * {@code flat_compositions/*flat_input*} (and the {@code *structured_input*}), {@code
 * compositions/FLAT} (not {@code ssiad_priesm_expected_values.json}, an expected output) and
 * {@code compositions/STRUCTURED}, the FLAT files of the AQL data load and the conformance
 * documentation ({@code *_flat.json}), and the SDK's {@code flat/simSDT} and {@code
 * flat/structured} examples.
 *
 * <p>The template: for the SDK's simSDT examples the one the SDK's test-data enums give the
 * identical example (Maven artifact {@code org.ehrbase.openehr.sdk:test-data}, whose OPTs are
 * uploaded from the classpath); otherwise {@link ReferenceTemplates#forExample} (tree id, then file
 * name). Examples whose template is nowhere available are skipped, counted and printed ({@link
 * #TEMPLATE_UNAVAILABLE}: the reference data lacks the OPT the robot tests used, and the SDK's OPT
 * of the same id is another template).
 *
 * <p>Refused (400 or 422) are the robot tests' negative cases: names containing {@code invalid} or
 * {@code wrong}; the files in {@link #INVALID_AS_IS}; and the robot tests' {@code *.xml.flat.json}
 * exports that give {@code composer|id} without {@code |id_scheme} (GENERIC_ID.scheme is mandatory;
 * the robot suite only posts them to a missing EHR). A root {@code _uid} is given a fresh object
 * id, which the server must keep.
 */
class FlatRoundTripIT {
  private static final String SUITE = "FlatRoundTripIT";
  private static final KnownFailures KNOWN = KnownFailures.load(SUITE);
  private static final Path SDK_FLAT = ReferenceTemplates.SDK_RESOURCES.resolve("composition/flat");
  /** Negative cases whose names do not say so, by the end of their path, with why. */
  private static final Map<String, String> INVALID_AS_IS = Map.of(
      "FLAT/dv_duration_max__.json", "DV_DURATION components near Integer.MAX_VALUE; the robot test expects 400 (ehrbase issue 926)",
      "simSDT/corona_with_context.json", "an INTERVAL_EVENT without width, which the RM makes mandatory");
  /** Examples whose template is not in the reference data, by the end of their path, with why. */
  private static final Map<String, String> TEMPLATE_UNAVAILABLE = Map.of(
      "FLAT/SSIAD PRIeSM__.json", "the robot tests' SSIAD PRIeSM.opt is not in the reference data; the SDK's OPT of that id names its nodes differently",
      "FLAT/RIPPLE_-_Conformance_Test_template_20211019014737_000001_1.xml.flat.json",
      "the robot tests' RIPPLE OPT is not in the reference data; the SDK's RIPPLE - Conformance Test template has other nodes");
  /** ctx keys whose value must come back at a fixed path below the root. */
  private static final Map<String, String> CTX_TARGETS = Map.of(
      "ctx/language", "language|code",
      "ctx/territory", "territory|code",
      "ctx/composer_name", "composer|name",
      "ctx/time", "context/start_time",
      "ctx/health_care_facility|name", "context/_health_care_facility|name",
      "ctx/health_care_facility|id", "context/_health_care_facility|id");

  private record Source(String name, Path dir, String format, Predicate<Path> filter) {}

  private static final List<Source> SOURCES = List.of(
      new Source("flat_compositions", TEST_DATA.resolve("flat_compositions"), "FLAT", name(n -> n.contains("flat_input"))),
      new Source("flat_compositions STRUCTURED", TEST_DATA.resolve("flat_compositions"), "STRUCTURED", name(n -> n.contains("structured_input"))),
      new Source("compositions/FLAT", TEST_DATA.resolve("compositions/FLAT"), "FLAT", name(n -> !n.equals("ssiad_priesm_expected_values.json"))),
      new Source("compositions/STRUCTURED", TEST_DATA.resolve("compositions/STRUCTURED"), "STRUCTURED", p -> true),
      new Source("aql data_load FLAT", TEST_DATA.resolve("aql/data_load/compositions"), "FLAT", FlatRoundTripIT::isFlat),
      new Source("conformance docs FLAT", REFERENCE.resolve("conformance-testing-documentation/compositions"), "FLAT", name(n -> n.endsWith("_flat.json"))),
      new Source("SDK simSDT", SDK_FLAT.resolve("simSDT"), "FLAT", p -> true),
      new Source("SDK structured", SDK_FLAT.resolve("structured"), "STRUCTURED", p -> true));

  private static final Map<String, Integer> ADDED = new ConcurrentHashMap<>();
  private static final Map<String, Integer> NOT_COMPARED = new ConcurrentHashMap<>();
  private static ReferenceTemplates templates;
  private static Map<String, String> sdkTemplateByFile;
  private static String ehrId;

  private static Predicate<Path> name(Predicate<String> p) {
    return f -> p.test(f.getFileName().toString());
  }

  @BeforeAll
  static void uploadTemplates() {
    templates = ReferenceTemplates.get().withSdkTestData();
    sdkTemplateByFile = sdkTemplates();
    ehrId = Api.createEhr();
  }

  @AfterAll
  static void printSummary() {
    System.out.println(KNOWN.summary());
    System.out.println(SUITE + ": keys the server adds (root and indexes left out), by count: " + top(ADDED, 40));
    System.out.println(SUITE + ": instructions not compared (ctx keys without a fixed target, |raw): " + top(NOT_COMPARED, 40));
    if (templates != null && !templates.refused().isEmpty()) {
      System.out.println(SUITE + ": OPTs the server refused: " + templates.refused());
    }
  }

  private static String top(Map<String, Integer> counts, int n) {
    return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
        .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "));
  }

  /** SDK example file name to template id, from the SDK enums whose example has identical content. */
  private static Map<String, String> sdkTemplates() {
    Map<JsonNode, String> byContent = new HashMap<>();
    List<CompositionTestDataSimSDTJsonInterface> all = new ArrayList<>(List.of(CompositionTestDataSimSDTJson.values()));
    all.addAll(List.of(CompositionTestDataConformanceSDTJson.values()));
    for (CompositionTestDataSimSDTJsonInterface example : all) {
      try (InputStream in = example.getStream()) {
        if (in != null) {
          byContent.put(Api.JSON.readTree(in), example.getTemplate().getTemplateId());
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    Map<String, String> byFile = new HashMap<>();
    for (Path f : ReferenceTemplates.files(SDK_FLAT.resolve("simSDT"), ".json")) {
      String id = byContent.get(parse(Api.read(f)));
      if (id != null) {
        byFile.put(f.getFileName().toString(), id);
      }
    }
    return byFile;
  }

  private static boolean isFlat(Path f) {
    JsonNode n = parse(Api.read(f));
    return n != null && n.isObject() && !n.has("_type") && n.fieldNames().hasNext() && n.fieldNames().next().contains("/");
  }

  private static JsonNode parse(String text) {
    try {
      return Api.JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  static Map<Path, Source> cases() {
    Map<Path, Source> cases = new LinkedHashMap<>();
    for (Source s : SOURCES) {
      for (Path f : ReferenceTemplates.files(s.dir(), ".json")) {
        if (s.filter().test(f)) {
          cases.put(f, s);
        }
      }
    }
    return cases;
  }

  @TestFactory
  Stream<DynamicTest> flatExamplesRoundTrip() {
    return cases().entrySet().stream().map(c -> KNOWN.test(c.getValue().name(), ReferenceCompositionsIT.caseName(c.getKey()),
        () -> run(c.getKey(), c.getValue().format())));
  }

  @Test
  void knownFailuresListOnlyExistingCases() {
    List<String> names = cases().keySet().stream().map(ReferenceCompositionsIT::caseName).toList();
    assertEquals(List.of(), KNOWN.orphans(names), "known-failures/" + SUITE + ".txt names cases that do not exist");
    for (String suffix : Stream.concat(INVALID_AS_IS.keySet().stream(), TEMPLATE_UNAVAILABLE.keySet().stream()).toList()) {
      assertEquals(1, names.stream().filter(n -> n.endsWith(suffix)).count(), suffix);
    }
  }

  private static String run(Path file, String format) {
    String fileName = file.getFileName().toString();
    String lower = fileName.toLowerCase(Locale.ROOT);
    String path = ReferenceCompositionsIT.caseName(file);
    String body = Api.read(file);
    JsonNode sent = parse(body);
    String rootKey = sent == null ? null : rootKey(sent, format);
    String templateId = sdkTemplateByFile.containsKey(fileName) && file.startsWith(SDK_FLAT)
        ? sdkTemplateByFile.get(fileName) : rootKey == null ? null : templates.forExample(fileName, rootKey).orElse(null);
    TEMPLATE_UNAVAILABLE.forEach((suffix, why) -> {
      if (path.endsWith(suffix)) {
        throw KnownFailures.skip("no template: " + why);
      }
    });
    boolean negative = lower.contains("invalid") || lower.contains("wrong") || INVALID_AS_IS.keySet().stream().anyMatch(path::endsWith)
        || composerIdWithoutScheme(sent, rootKey, format);
    if (negative) {
      String query = "?format=" + format + (templateId == null ? "" : "&templateId=" + Api.encode(templateId));
      return ReferenceCompositionsIT.expectRefused(Api.post("/ehr/" + ehrId + "/composition" + query, body, "application/json"));
    }
    if (templateId == null || !templates.has(templateId)) {
      throw KnownFailures.skip("no template: " + (templateId != null ? templateId : "tree id " + rootKey
          + (templates.withTreeId(rootKey).isEmpty() ? "" : " (ambiguous: " + templates.withTreeId(rootKey) + ")")));
    }
    String objectId = replaceRootUid(sent, format, rootKey);
    String query = "?format=" + format + "&templateId=" + Api.encode(templateId);
    HttpResponse<String> r = Api.post("/ehr/" + ehrId + "/composition" + query, sent.toString(), "application/json");
    assertEquals(201, r.statusCode(), r.body());
    String versionUid = r.headers().firstValue("ETag").orElseThrow().replace("\"", "");
    if (objectId != null) {
      assertTrue(versionUid.startsWith(objectId + "::"), "server kept the composition's own uid " + objectId + ": " + versionUid);
    }
    HttpResponse<String> got = Api.get("/ehr/" + ehrId + "/composition/" + versionUid + "?format=" + format);
    assertEquals(200, got.statusCode(), got.body());
    Map<String, JsonNode> in = paths(sent, format);
    Map<String, JsonNode> back = paths(Api.json(got), format);
    List<String> losses = compare(in, back, rootKey);
    assertTrue(losses.isEmpty(), losses.size() + " key(s) sent did not come back equal:\n" + String.join("\n", losses));
    return KnownFailures.ACCEPTED;
  }

  /**
   * The robot tests' {@code *.xml.flat.json} exports give {@code composer|id} without {@code
   * |id_scheme}; GENERIC_ID.scheme is mandatory in the RM, so they are invalid as they stand.
   */
  private static boolean composerIdWithoutScheme(JsonNode sent, String rootKey, String format) {
    return format.equals("FLAT") && sent != null && sent.has(rootKey + "/composer|id") && !sent.has(rootKey + "/composer|id_scheme");
  }

  private static String rootKey(JsonNode sent, String format) {
    for (var it = sent.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!k.startsWith("ctx")) {
        return format.equals("FLAT") ? k.substring(0, k.indexOf('/') < 0 ? k.length() : k.indexOf('/')) : k;
      }
    }
    return null;
  }

  /** FLAT keys as they are; STRUCTURED trees flattened to paths. */
  private static Map<String, JsonNode> paths(JsonNode n, String format) {
    Map<String, JsonNode> out = new TreeMap<>();
    if (format.equals("FLAT")) {
      n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    } else {
      JsonDiff.flatten("", n, out);
    }
    return out;
  }

  /** Gives a root {@code _uid} a fresh object id (keeping {@code ::system::version}); returns it or null. */
  private static String replaceRootUid(JsonNode sent, String format, String rootKey) {
    String objectId = UUID.randomUUID().toString();
    if (format.equals("FLAT")) {
      String key = rootKey + "/_uid";
      if (!sent.has(key)) {
        return null;
      }
      ((ObjectNode) sent).put(key, objectId + rest(sent.get(key).asText()));
      return objectId;
    }
    JsonNode uid = sent.path(rootKey).path("_uid");
    if (uid instanceof ArrayNode a && a.size() == 1 && a.get(0).isTextual()) {
      a.set(0, TextNode.valueOf(objectId + rest(a.get(0).asText())));
      return objectId;
    }
    return null;
  }

  /**
   * A ctx key with a fixed target must come back there ({@code <root>/context/x}, or {@code
   * <root>/x} where the template leaves context unconstrained and the SDK writes it at the root),
   * unless the example also sets the target itself; other ctx keys and {@code |raw} are
   * instructions that have no key of their own to come back as.
   */
  private static void checkDirective(String key, JsonNode sent, Map<String, JsonNode> in, Map<String, JsonNode> back, String rootKey,
      List<String> losses) {
    String target = CTX_TARGETS.get(key);
    if (target == null) {
      NOT_COMPARED.merge(key.replaceAll(":\\d+", "").replaceAll("^.*\\|raw$", "...|raw"), 1, Integer::sum);
      return;
    }
    List<String> places = List.of(rootKey + "/" + target, rootKey + "/" + target.replaceFirst("^context/", ""));
    if (places.stream().anyMatch(in::containsKey)) {
      return;
    }
    JsonNode value = places.stream().map(back::get).filter(v -> v != null).findFirst().orElse(null);
    if (value == null || !JsonDiff.sameFlatValue(sent, value)) {
      losses.add(key + " = " + JsonDiff.brief(sent) + ": " + places.get(0) + " read back as " + JsonDiff.brief(value));
    }
  }

  /** A key without {@code :0} indexes: the first occurrence may be written with or without it. */
  private static String looseKey(String key) {
    return key.replaceAll(":0(?=[/|]|$)", "");
  }

  /** For a missing key: what came back under its parent, to tell a renamed key from a lost one. */
  private static String near(String key, Map<String, JsonNode> back) {
    String parent = key.substring(0, Math.max(key.lastIndexOf('/'), 0));
    List<String> siblings = back.keySet().stream().filter(k -> k.startsWith(parent + "/")).limit(4).toList();
    return siblings.isEmpty() ? " [nothing read back under " + parent + "]" : " [read back under " + parent + ": " + siblings + "]";
  }

  private static String rest(String uid) {
    return uid.contains("::") ? uid.substring(uid.indexOf("::")) : "";
  }

  /** Every key sent must come back equal (root uid and directives aside); records what the server added. */
  private static List<String> compare(Map<String, JsonNode> in, Map<String, JsonNode> back, String rootKey) {
    List<String> losses = new ArrayList<>();
    Map<String, String> backByLooseKey = new HashMap<>();
    back.keySet().forEach(k -> backByLooseKey.putIfAbsent(looseKey(k), k));
    for (Map.Entry<String, JsonNode> e : in.entrySet()) {
      String key = e.getKey();
      if (key.equals(rootKey + "/_uid")) {
        continue;
      }
      if (key.startsWith("ctx/") || key.contains("|raw")) {
        checkDirective(key, e.getValue(), in, back, rootKey, losses);
        continue;
      }
      JsonNode value = back.get(key);
      if (value == null && backByLooseKey.containsKey(looseKey(key))) {
        value = back.get(backByLooseKey.get(looseKey(key)));
      }
      if (value == null && !key.contains("|") && back.containsKey(key + "|id")) {
        value = back.get(key + "|id"); // DV_IDENTIFIER's short form comes back as |id
      }
      if (value == null) {
        losses.add(key + ": missing (sent " + JsonDiff.brief(e.getValue()) + ")" + near(key, back));
      } else if (!JsonDiff.sameFlatValue(e.getValue(), value)) {
        losses.add(key + ": sent " + JsonDiff.brief(e.getValue()) + ", read back " + JsonDiff.brief(value));
      }
    }
    for (String key : back.keySet()) {
      if (!in.containsKey(key) && !in.containsKey(key.replaceAll(":0(?=[/|]|$)", ""))) {
        String pattern = key.startsWith(rootKey + "/") ? key.substring(rootKey.length() + 1) : key;
        ADDED.merge(pattern.replaceAll(":\\d+", ""), 1, Integer::sum);
      }
    }
    return losses;
  }
}
