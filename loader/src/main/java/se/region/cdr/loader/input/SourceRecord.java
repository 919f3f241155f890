package se.region.cdr.loader.input;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One input record, numbered in file order (the unit of checkpoints). */
public interface SourceRecord {
  /** 1-based position among the input's records; stable across runs of the same input. */
  long number();

  /** Line in the file (CSV, JSON Lines) or entry index in the bundle (FHIR), for messages. */
  long line();

  /** The value of a column (CSV) or element path (JSON); null when absent. */
  String value(String source);

  /** A top-level field of a JSON record as JSON (not copied); null when absent or not a JSON record. */
  default com.fasterxml.jackson.databind.JsonNode field(String name) {
    return null;
  }

  /**
   * A top-level field of a JSON record as the JSON text it has in the input, when the reader kept it
   * so (the field holding a canonical composition); else null, and {@link #field} answers.
   */
  default String rawJson(String name) {
    return null;
  }

  /**
   * The UTF-8 bytes of {@link #rawJson}'s text as they stand in the input, when the reader has them
   * and they are exactly that text's UTF-8 encoding; else null.
   */
  default java.nio.ByteBuffer rawJsonUtf8(String name) {
    return null;
  }

  /** The record as JSON, for the quarantine. */
  ObjectNode raw();

  /** Why the reader could not read the record (e.g. wrong number of fields), or null. */
  default String problem() {
    return null;
  }
}
