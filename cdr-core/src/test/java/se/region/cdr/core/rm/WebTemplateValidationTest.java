package se.region.cdr.core.rm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.nedap.archie.rm.composition.Composition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.xmlbeans.XmlOptions;
import org.ehrbase.openehr.sdk.serialisation.jsonencoding.CanonicalJson;
import org.ehrbase.openehr.sdk.validation.CompositionValidator;
import org.ehrbase.openehr.sdk.validation.ConstraintViolation;
import org.ehrbase.openehr.sdk.webtemplate.model.WebTemplate;
import org.ehrbase.openehr.sdk.webtemplate.parser.OPTParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openehr.schemas.v1.OPERATIONALTEMPLATE;
import org.openehr.schemas.v1.TemplateDocument;

/**
 * {@link WebTemplateValidation} finds exactly what the SDK's {@code CompositionValidator} finds,
 * for every canonical reference composition whose OPT is in the reference data, valid or not, also
 * when its pooled web template tree was walked before (each composition is validated twice, and
 * compositions of one template share the pool).
 */
class WebTemplateValidationTest {
  private static final Path REFERENCE = reference();
  private static final String ROBOT = "integration-tests/tests/robot/_resources/test_data_sets/";
  private static final String SDK = "openEHR_SDK/test-data/src/main/resources/";

  private static Path reference() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolveSibling("shared").resolve("reference-data"))) {
      dir = dir.getParent();
    }
    return dir.resolveSibling("shared").resolve("reference-data");
  }

  @TestFactory
  Stream<DynamicTest> sameViolationsAsTheSdk() throws IOException {
    Map<String, Path> opts = optsByTemplateId();
    Map<String, WebTemplate> webTemplates = new HashMap<>();
    Map<String, WebTemplateValidation> validations = new HashMap<>();
    List<Path> files = files(List.of(ROBOT + "compositions/CANONICAL_JSON", ROBOT + "aql/data_load/compositions", SDK + "composition/canonical_json"), ".json");
    CanonicalJson canonical = new CanonicalJson();
    return files.stream().map(file -> dynamicTest(REFERENCE.relativize(file).toString(), () -> {
      Composition composition;
      try {
        composition = canonical.unmarshal(Files.readString(file), Composition.class);
      } catch (RuntimeException e) {
        return; // deliberately broken files are not RM compositions
      }
      String templateId = composition.getArchetypeDetails() == null || composition.getArchetypeDetails().getTemplateId() == null
          ? null : composition.getArchetypeDetails().getTemplateId().getValue();
      if (templateId == null || !opts.containsKey(templateId)) {
        return;
      }
      WebTemplate webTemplate = webTemplates.computeIfAbsent(templateId, id -> new OPTParser(parse(opts.get(id))).parse());
      WebTemplateValidation validation = validations.computeIfAbsent(templateId, id -> new WebTemplateValidation(webTemplate));
      String expected = outcome(() -> new CompositionValidator().validate(composition, webTemplate));
      assertEquals(expected, outcome(() -> validation.validate(composition)), "first walk");
      assertEquals(expected, outcome(() -> validation.validate(composition)), "walk of a walked tree");
    }));
  }

  /** Concurrent walks of one template each get a tree of their own from the pool. */
  @Test
  void concurrentValidationsOfOneTemplateAgreeWithTheSdk() throws Exception {
    OPERATIONALTEMPLATE opt = parse(REFERENCE.resolve(ROBOT + "valid_templates/all_types/Test_all_types_v2.opt"));
    WebTemplate webTemplate = new OPTParser(opt).parse();
    String valid = Files.readString(REFERENCE.resolve(ROBOT + "compositions/CANONICAL_JSON/Test_all_types_v2__.json"));
    String invalid = valid.replace("\"test 1\"", "\"not a term of at0005\""); // a local code's text that does not match
    CanonicalJson canonical = new CanonicalJson();
    List<Composition> compositions = List.of(canonical.unmarshal(valid, Composition.class), canonical.unmarshal(invalid, Composition.class));
    List<String> expected = compositions.stream().map(c -> outcome(() -> new CompositionValidator().validate(c, webTemplate))).toList();
    assertNotEquals(expected.get(0), expected.get(1), "the two compositions get different violations");
    WebTemplateValidation validation = new WebTemplateValidation(webTemplate);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        Composition composition = compositions.get(i % 2);
        results.add(pool.submit(() -> outcome(() -> validation.validate(composition))));
      }
      for (int i = 0; i < results.size(); i++) {
        assertEquals(expected.get(i % 2), results.get(i).get(), "validation " + i);
      }
    } finally {
      pool.shutdown();
    }
  }

  private static String outcome(Supplier<List<ConstraintViolation>> validation) {
    try {
      return String.join("\n", validation.get().stream().map(v -> v.getAqlPath() + ": " + v.getMessage()).toList());
    } catch (RuntimeException e) {
      return "threw " + e;
    }
  }

  private static Map<String, Path> optsByTemplateId() throws IOException {
    Map<String, Path> byId = new LinkedHashMap<>();
    for (Path opt : files(List.of(ROBOT + "valid_templates", ROBOT + "aql/data_load/opts", SDK + "operationaltemplate"), ".opt")) {
      String xml = Files.readString(opt);
      int start = xml.indexOf("<template_id>");
      int value = xml.indexOf("<value>", start);
      if (start >= 0 && value >= 0) {
        byId.putIfAbsent(xml.substring(value + 7, xml.indexOf("</value>", value)).trim(), opt);
      }
    }
    assertTrue(byId.size() > 30, "reference OPTs found: " + byId.size());
    return byId;
  }

  private static OPERATIONALTEMPLATE parse(Path opt) {
    try (InputStream in = Files.newInputStream(opt)) {
      return TemplateDocument.Factory.parse(in, new XmlOptions().setLoadStripWhitespace()).getTemplate();
    } catch (Exception e) {
      throw new IllegalStateException(opt + ": " + e, e);
    }
  }

  private static List<Path> files(List<String> dirs, String suffix) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String dir : dirs) {
      try (Stream<Path> s = Files.walk(REFERENCE.resolve(dir))) {
        s.filter(p -> p.toString().endsWith(suffix)).sorted().forEach(files::add);
      }
    }
    return files;
  }
}
