package se.region.cdr.loader.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;

/** A record that is a JSON object (a JSON Lines line or a bundle's resource); values by {@link ElementPath}. */
record JsonRecord(long number, long line, JsonNode node, Function<String, JsonNode> resolver, String problem) implements SourceRecord {
  @Override
  public String value(String source) {
    return valueAt(node, source, resolver);
  }

  /** The first value at an element path of a JSON object, null when absent or empty. */
  static String valueAt(JsonNode node, String source, Function<String, JsonNode> resolver) {
    if (node == null) {
      return null;
    }
    String v = ElementPath.of(source).first(node, resolver);
    return v == null || v.isEmpty() ? null : v;
  }

  @Override
  public JsonNode field(String name) {
    return node == null ? null : node.get(name);
  }

  @Override
  public ObjectNode raw() {
    return node instanceof ObjectNode o ? o.deepCopy() : JsonNodeFactory.instance.objectNode().put("_unreadable", true);
  }
}
