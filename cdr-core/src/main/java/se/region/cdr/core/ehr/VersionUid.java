package se.region.cdr.core.ehr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import se.region.cdr.core.CdrException;

/** An OBJECT_VERSION_ID: {@code object_id::creating_system_id::version_tree_id}. */
public record VersionUid(UUID objectId, String systemId, int version) {

  /** Parses a full version uid; throws BAD_REQUEST naming the value when it is not one. */
  public static VersionUid parse(String value) {
    String v = value == null ? "" : value.trim();
    if (v.startsWith("\"") && v.endsWith("\"") && v.length() > 1) {
      v = v.substring(1, v.length() - 1);
    }
    String[] parts = v.split("::");
    if (parts.length != 3) {
      throw CdrException.badRequest("'" + value + "' is not a version uid (object_id::system_id::version)");
    }
    try {
      return new VersionUid(UUID.fromString(parts[0]), parts[1], Integer.parseInt(parts[2]));
    } catch (IllegalArgumentException e) {
      throw CdrException.badRequest("'" + value + "' is not a version uid (object_id::system_id::version)");
    }
  }

  /** True for a version uid, false for a bare object id. */
  public static boolean isVersionUid(String value) {
    return value != null && value.contains("::");
  }

  /** Sets this uid as the {@code uid} (OBJECT_VERSION_ID) of a versioned object's canonical JSON. */
  public void setOn(ObjectNode versionedData) {
    versionedData.set("uid", versionedData.objectNode().put("_type", "OBJECT_VERSION_ID").put("value", toString()));
  }

  @Override
  public String toString() {
    return objectId + "::" + systemId + "::" + version;
  }
}
