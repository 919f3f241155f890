package se.region.cdr.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ErrorCode;
import se.region.cdr.core.rm.RmCodec;

/** Reads stored jsonb text back into trees. */
final class Json {
  private Json() {}

  static ObjectNode object(String text) {
    try {
      return (ObjectNode) RmCodec.JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new CdrException(ErrorCode.INTERNAL, "Stored JSON is unreadable", e);
    }
  }
}
