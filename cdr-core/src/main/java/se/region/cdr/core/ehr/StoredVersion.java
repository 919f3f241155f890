package se.region.cdr.core.ehr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * One version of a versioned object (composition or EHR_STATUS): its uid, audit, whether it is a
 * deletion, and its canonical JSON (null for a deletion).
 */
public record StoredVersion(VersionUid uid, Audit audit, boolean deleted, ObjectNode data) {
  public int version() {
    return uid.version();
  }

  /** The newest of {@code versions} (oldest first) committed at or before {@code at}. */
  public static Optional<StoredVersion> at(List<StoredVersion> versions, OffsetDateTime at) {
    StoredVersion found = null;
    for (StoredVersion v : versions) {
      if (!v.audit().committedAt().isAfter(at)) {
        found = v;
      }
    }
    return Optional.ofNullable(found);
  }
}
