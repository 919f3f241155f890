package se.region.cdr.bench.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nedap.archie.rm.composition.Composition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ehrbase.openehr.sdk.serialisation.jsonencoding.CanonicalJson;
import org.ehrbase.openehr.sdk.validation.CompositionValidator;
import org.ehrbase.openehr.sdk.validation.ConstraintViolation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openehr.schemas.v1.OPERATIONALTEMPLATE;

/** Generated compositions and their second versions validate against their OPT with the SDK. */
class CorpusValidationTest {

  private static final int SAMPLE = 25;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir static Path corpus;

  @BeforeAll
  static void generate() throws Exception {
    new CorpusGenerator(11, 200, 20, Icd10Catalogue.load()).generate(corpus);
  }

  @ParameterizedTest
  @EnumSource(CorpusTemplate.class)
  void firstVersionsAreValid(CorpusTemplate template) throws Exception {
    assertValid(template, sample(template.fileName(), template));
  }

  @ParameterizedTest
  @EnumSource(CorpusTemplate.class)
  void secondVersionsAreValid(CorpusTemplate template) throws Exception {
    List<String> updates = sample(CorpusFiles.UPDATES, template);
    assertTrue(!updates.isEmpty(), "no second versions of " + template);
    assertValid(template, updates);
  }

  private static void assertValid(CorpusTemplate template, List<String> compositions)
      throws Exception {
    OPERATIONALTEMPLATE opt = ReferenceOpts.load(template);
    CompositionValidator validator = new CompositionValidator();
    CanonicalJson json = new CanonicalJson();
    for (String composition : compositions) {
      Composition parsed = json.unmarshal(composition, Composition.class);
      List<ConstraintViolation> violations = validator.validate(parsed, opt);
      assertEquals(List.of(), violations, () -> template + ": " + composition);
    }
  }

  private static List<String> sample(String file, CorpusTemplate template) throws Exception {
    List<String> compositions = new ArrayList<>();
    for (String line : Files.readAllLines(corpus.resolve(file))) {
      JsonNode record = MAPPER.readTree(line);
      if (record.get(CorpusFiles.TEMPLATE_ID).asText().equals(template.templateId())
          && compositions.size() < SAMPLE) {
        compositions.add(MAPPER.writeValueAsString(record.get(CorpusFiles.COMPOSITION)));
      }
    }
    return compositions;
  }
}
