package se.region.cdr.core.rm;

import com.nedap.archie.rm.composition.Composition;
import java.util.List;
import org.ehrbase.openehr.sdk.validation.CompositionValidator;
import org.ehrbase.openehr.sdk.validation.ConstraintViolation;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ErrorCode;
import se.region.cdr.core.template.StoredTemplate;

/**
 * Validates compositions against their operational template with the EHRbase SDK validator
 * (which wraps Archie's RM object validator): occurrences and cardinality, data types,
 * mandatory nodes, local codes, units and ranges, date/time formats.
 */
public final class CompositionValidation {
  private static final ThreadLocal<CompositionValidator> VALIDATOR = ThreadLocal.withInitial(CompositionValidator::new);

  private CompositionValidation() {}

  /** Returns one line per failing path: "path: message". */
  public static List<String> violations(Composition composition, StoredTemplate template) {
    List<ConstraintViolation> found;
    try {
      found = VALIDATOR.get().validate(composition, template.webTemplate());
    } catch (RuntimeException e) {
      return List.of("/: " + RmCodec.rootMessage(e));
    }
    return found.stream().map(v -> (v.getAqlPath() == null ? "/" : v.getAqlPath()) + ": " + v.getMessage()).toList();
  }

  /** Throws VALIDATION_FAILED (422) listing every failing path. */
  public static void requireValid(Composition composition, StoredTemplate template) {
    List<String> violations = violations(composition, template);
    if (!violations.isEmpty()) {
      throw new CdrException(
          ErrorCode.VALIDATION_FAILED,
          "Composition does not conform to template " + template.templateId() + ": " + violations.size() + " error(s)",
          violations,
          null);
    }
  }
}
