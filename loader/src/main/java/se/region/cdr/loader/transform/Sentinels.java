package se.region.cdr.loader.transform;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sentinel values for the slots of a JSON tree ({@link TextShape}): values no composition holds, of
 * each slot's own JSON kind (a text, an int, a long, a double), in two sets (0 and 1) that must
 * give the same pieces when a text written with them is cut at them.
 */
final class Sentinels {
  private Sentinels() {}

  /** A copy of {@code node} with sentinel {@code ids[i]} of set {@code set} in slot {@code i} (slots are object fields). */
  static ObjectNode in(JsonNode node, List<JsonPointer> slots, int[] ids, int set) {
    ObjectNode copy = ((ObjectNode) node).deepCopy();
    for (int i = 0; i < slots.size(); i++) {
      JsonPointer slot = slots.get(i);
      ((ObjectNode) copy.at(slot.head())).set(slot.last().getMatchingProperty(), sentinel(node.at(slot), set, ids[i]));
    }
    return copy;
  }

  /** The JSON text of each sentinel of {@link #in}, with its id. */
  static Map<String, Integer> texts(JsonNode node, List<JsonPointer> slots, int[] ids, int set) {
    Map<String, Integer> texts = new HashMap<>();
    for (int i = 0; i < slots.size(); i++) {
      texts.put(sentinel(node.at(slots.get(i)), set, ids[i]).toString(), ids[i]);
    }
    return texts;
  }

  /** {@code node} written with the sentinels of {@link #in}, cut at them. */
  static HoledText cut(JsonNode node, List<JsonPointer> slots, int[] ids, int set) {
    return HoledText.cut(in(node, slots, ids, set).toString(), texts(node, slots, ids, set));
  }

  /** Sentinel {@code id} of set {@code set}, of the original's kind. */
  private static JsonNode sentinel(JsonNode original, int set, int id) {
    if (original.isTextual()) {
      return TextNode.valueOf(String.format("~%s%05d~", set == 0 ? "Qa" : "Qb", id));
    }
    if (original instanceof IntNode) {
      return IntNode.valueOf((set == 0 ? 1_200_000_000 : 1_900_000_000) + id);
    }
    if (original instanceof LongNode) {
      return LongNode.valueOf((set == 0 ? 7_000_000_000_000_000_000L : 8_000_000_000_000_000_000L) + id);
    }
    return DoubleNode.valueOf(Double.parseDouble("1." + (100_000 + id) + (set == 0 ? "E-300" : "E-301")));
  }
}
