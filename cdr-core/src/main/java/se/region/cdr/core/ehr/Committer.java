package se.region.cdr.core.ehr;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Who commits a change, as a canonical PARTY_PROXY JSON object. */
public final class Committer {
  private Committer() {}

  /** A PARTY_IDENTIFIED naming a user or system (never a patient). */
  public static ObjectNode named(String name) {
    ObjectNode committer = JsonNodeFactory.instance.objectNode();
    committer.put("_type", "PARTY_IDENTIFIED");
    committer.put("name", name == null || name.isBlank() ? "unknown" : name);
    return committer;
  }
}
