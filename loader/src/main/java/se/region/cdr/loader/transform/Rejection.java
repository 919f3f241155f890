package se.region.cdr.loader.transform;

/**
 * Why a record is not loaded: a stable reason code (for the report's counts), the FLAT path and
 * rule concerned (when known) and a message. Messages never hold the subject's identity.
 */
public final class Rejection extends Exception {
  /** Reason codes used by the loader. */
  public static final String BAD_RECORD = "bad_record";
  public static final String MISSING_REQUIRED = "missing_required";
  public static final String MISSING_SUBJECT = "missing_subject";
  public static final String UNKNOWN_CODE = "unknown_code";
  public static final String UNKNOWN_UNIT = "unknown_unit";
  public static final String BAD_DATE = "bad_date";
  public static final String BAD_NUMBER = "bad_number";
  public static final String BAD_VALUE = "bad_value";
  public static final String NO_CONTENT = "no_content";
  public static final String NOT_FLAT = "flat_not_accepted";
  public static final String NOT_CANONICAL = "not_canonical";
  public static final String WRONG_TEMPLATE = "wrong_template";
  public static final String VALIDATION = "template_validation";
  public static final String SUBJECT_CHANGED = "subject_changed";
  public static final String EHR_NOT_MODIFIABLE = "ehr_not_modifiable";

  private final String reasonCode;
  private final String path;
  private final String rule;

  public Rejection(String reasonCode, String path, String rule, String message) {
    super(message, null, false, false);
    this.reasonCode = reasonCode;
    this.path = path;
    this.rule = rule;
  }

  public String reasonCode() {
    return reasonCode;
  }

  public String path() {
    return path;
  }

  public String rule() {
    return rule;
  }
}
