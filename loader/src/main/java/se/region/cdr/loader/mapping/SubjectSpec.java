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
 * personal identity number in the column never enters the store. {@code pseudonym} subjects hold a
 * pseudonym issued elsewhere, kept as is (see {@link Kind#PSEUDONYM}).
 */
public record SubjectSpec(String source, String namespace, Kind kind) {
  /** What the subject field holds. */
  public enum Kind {
    /** A person's identity (personal identity number, patient id): replaced by its HMAC pseudonym. */
    PERSON,
    /** A care unit's HSA-id, kept in clear (the unit's own EHR). */
    CARE_UNIT,
    /**
     * A pseudonym issued outside the CDR (e.g. the subject id of another openEHR system's EHR), kept
     * as is, as the REST API keeps a subject id. A value shaped like a Swedish personal identity or
     * coordination number is still pseudonymised and then rejected, so such a number never enters the store.
     */
    PSEUDONYM
  }

  public static final String UNIT_NAMESPACE = "se.hsa.unit";
  private static final Pattern HSA = Pattern.compile(MappingParser.HSA_ID);
  /** 10 or 12 digits with an optional '-' or '+' before the last four: a personal identity or coordination number. */
  private static final Pattern PERSONAL_NUMBER = Pattern.compile("(\\d{2})?\\d{6}[-+]?\\d{4}");

  public SubjectSpec(String source, String namespace) {
    this(source, namespace, Kind.PERSON);
  }

  public boolean careUnit() {
    return kind == Kind.CARE_UNIT;
  }

  /** Whether the subject value is used as is (a care unit's HSA-id, an external pseudonym) rather than pseudonymised. */
  public boolean keepsInClear(String identity) {
    if (identity == null) {
      return false;
    }
    return switch (kind) {
      case PERSON -> false;
      case CARE_UNIT -> HSA.matcher(identity.trim()).matches();
      case PSEUDONYM -> !looksLikePersonalNumber(identity);
    };
  }

  /**
   * Why a subject value of this kind is refused ({@code bad_value}), or null when it is accepted: a
   * care-unit subject must be an HSA-id, an external pseudonym must not look like a personal number.
   */
  public String refusal(String identity) {
    if (kind == Kind.PERSON || keepsInClear(identity)) {
      return null;
    }
    return kind == Kind.CARE_UNIT
        ? "the care-unit subject in field '" + source + "' is not an HSA-id"
        : "the subject field '" + source + "' holds what looks like a personal identity number, not a pseudonym (it is not stored)";
  }

  /** Whether a value is shaped like a Swedish personal identity or coordination number. */
  public static boolean looksLikePersonalNumber(String value) {
    return PERSONAL_NUMBER.matcher(value.trim()).matches();
  }
}
