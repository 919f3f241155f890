package se.region.cdr.core.ehr;

import java.util.Arrays;
import se.region.cdr.core.CdrException;

/** openEHR "audit change type" terms (openehr terminology group "audit change type"). */
public enum ChangeType {
  CREATION(249),
  AMENDMENT(250),
  MODIFICATION(251),
  SYNTHESIS(252),
  UNKNOWN(253),
  DELETED(523),
  ATTESTATION(666);

  private final int code;

  ChangeType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public String term() {
    return name().toLowerCase();
  }

  public static ChangeType ofCode(int code) {
    return Arrays.stream(values()).filter(t -> t.code == code).findFirst().orElse(UNKNOWN);
  }

  /** Reads a change type from its code string or term, as contributions carry it. */
  public static ChangeType parse(String codeOrTerm) {
    if (codeOrTerm == null) {
      throw CdrException.badRequest("change_type is missing");
    }
    for (ChangeType t : values()) {
      if (String.valueOf(t.code).equals(codeOrTerm) || t.term().equalsIgnoreCase(codeOrTerm)) {
        return t;
      }
    }
    throw CdrException.badRequest("Unknown change_type '" + codeOrTerm + "'");
  }
}
