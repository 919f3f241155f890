package se.region.cdr.core.ehr;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One version of a versioned object (composition or EHR_STATUS): its uid, audit, whether it is a
 * deletion, and its canonical JSON (null for a deletion).
 */
public record StoredVersion(VersionUid uid, Audit audit, boolean deleted, ObjectNode data) {
  public int version() {
    return uid.version();
  }
}
