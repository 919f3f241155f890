package se.region.cdr.loader.mapping;

import java.util.regex.Pattern;

/**
 * Where the subject's identity (personal identity number or patient id) is read, and the namespace
 * of the EHR subject reference; the identity itself is replaced by its pseudonym before use.
 *
 * <p>{@code careUnit} subjects ({@code subject: {kind: care-unit}}) are care units, not people: the
 * EHR is the unit's own (bed occupancy, templates/bed_occupancy/README.md) and its subject id is the
 * unit's HSA-id in clear, namespace {@code se.hsa.unit} by default. Only a value that is an HSA-id
 * is kept in clear; anything else is still pseudonymised (and then rejected as not an HSA-id), so a
 * personal identity number in the column never enters the store.
 */
public record SubjectSpec(String source, String namespace, boolean careUnit) {
  public static final String UNIT_NAMESPACE = "se.hsa.unit";
  private static final Pattern HSA = Pattern.compile(MappingParser.HSA_ID);

  public SubjectSpec(String source, String namespace) {
    this(source, namespace, false);
  }

  /** Whether the subject value is used as is (a care unit's HSA-id) rather than pseudonymised. */
  public boolean keepsInClear(String identity) {
    return careUnit && identity != null && HSA.matcher(identity.trim()).matches();
  }
}
