package se.region.cdr.core.rm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nedap.archie.rm.composition.Composition;
import com.nedap.archie.rm.datatypes.CodePhrase;
import com.nedap.archie.rm.support.identification.TerminologyId;
import com.nedap.archie.rminfo.ArchieRMInfoLookup;
import com.nedap.archie.rmobjectvalidator.RMObjectValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ehrbase.openehr.sdk.serialisation.jsonencoding.CanonicalJson;
import org.ehrbase.openehr.sdk.validation.CompositionValidator;
import org.junit.jupiter.api.Test;

/** The category and setting checks that replace Archie's two terminology invariants. */
class OpenEhrGroupCodesTest {
  private static Composition example() throws IOException {
    String json = Files.readString(Path.of("..", "templates", "vital_signs", "example.composition.json"));
    return new CanonicalJson().unmarshal(json, Composition.class);
  }

  @Test
  void validCategoryAndSettingPass() throws IOException {
    assertEquals(List.of(), OpenEhrGroupCodes.violations(example()));
  }

  @Test
  void codesOutsideTheirGroupAreNamedOnce() throws IOException {
    Composition c = example();
    c.getCategory().setDefiningCode(new CodePhrase(new TerminologyId("openehr"), "999"));
    c.getContext().getSetting().setDefiningCode(new CodePhrase(new TerminologyId("openehr"), "433")); // a category code, not a setting
    List<String> violations = OpenEhrGroupCodes.violations(c);
    assertEquals(2, violations.size(), violations.toString());
    assertTrue(violations.get(0).startsWith("/category: Invariant Category_validity failed"), violations.toString());
    assertTrue(violations.get(1).startsWith("/context/setting: Invariant Setting_valid failed"), violations.toString());
    // Archie no longer checks these two itself, so nothing is reported twice
    List<RMObjectValidationMessage> archie = new CompositionValidator().getRmObjectValidator().validate(c);
    assertTrue(archie.stream().noneMatch(m -> m.getMessage().contains("Category_validity") || m.getMessage().contains("Setting_valid")),
        archie.toString());
    assertTrue(ArchieRMInfoLookup.getInstance().getTypeInfo(Composition.class).getInvariants().stream()
        .noneMatch(i -> i.getMethod().getName().equals("categoryValid")));
  }

  @Test
  void terminologyIdIsComparedIgnoringCase() throws IOException {
    Composition c = example();
    c.getCategory().setDefiningCode(new CodePhrase(new TerminologyId("OpenEHR"), "433"));
    assertEquals(List.of(), OpenEhrGroupCodes.violations(c));
    c.getCategory().setDefiningCode(new CodePhrase(new TerminologyId("local"), "433"));
    assertEquals(1, OpenEhrGroupCodes.violations(c).size());
  }
}
