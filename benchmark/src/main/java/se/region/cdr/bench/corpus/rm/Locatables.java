package se.region.cdr.bench.corpus.rm;

import static se.region.cdr.bench.corpus.rm.DataValues.codePhrase;
import static se.region.cdr.bench.corpus.rm.DataValues.dvDateTime;
import static se.region.cdr.bench.corpus.rm.DataValues.dvText;
import static se.region.cdr.bench.corpus.rm.DataValues.typed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Canonical JSON nodes for archetyped RM structures: sections, entries, histories, events, item
 * trees, clusters and elements. Node ids and names must match the OPT, so callers pass them.
 */
public final class Locatables {

  static final String RM_VERSION = "1.0.4";

  private Locatables() {}

  /** A LOCATABLE below an archetype root, identified by an at-code. */
  public static ObjectNode node(String rmType, String nodeId, String name) {
    ObjectNode node = typed(rmType);
    node.set("name", dvText(name));
    node.put("archetype_node_id", nodeId);
    return node;
  }

  /** A LOCATABLE that is an archetype root: its node id is the archetype id. */
  public static ObjectNode archetypeRoot(String rmType, String archetypeId, String name) {
    ObjectNode node = typed(rmType);
    node.set("name", dvText(name));
    node.set("archetype_details", archetyped(archetypeId));
    node.put("archetype_node_id", archetypeId);
    return node;
  }

  static ObjectNode archetyped(String archetypeId) {
    ObjectNode details = typed("ARCHETYPED");
    details.set("archetype_id", typed("ARCHETYPE_ID").put("value", archetypeId));
    details.put("rm_version", RM_VERSION);
    return details;
  }

  public static ObjectNode element(String nodeId, String name, JsonNode value) {
    ObjectNode element = node("ELEMENT", nodeId, name);
    element.set("value", value);
    return element;
  }

  /** An ELEMENT whose name is constrained to a local coded term (e.g. pulse "Pulse Rate"). */
  public static ObjectNode element(String nodeId, ObjectNode codedName, JsonNode value) {
    ObjectNode element = typed("ELEMENT");
    element.set("name", codedName);
    element.put("archetype_node_id", nodeId);
    element.set("value", value);
    return element;
  }

  /** An ITEM_TREE or CLUSTER holding {@code items}. */
  public static ObjectNode container(String rmType, String nodeId, String name, JsonNode... items) {
    ObjectNode node = node(rmType, nodeId, name);
    node.set("items", array(items));
    return node;
  }

  /** An archetype-root SECTION or CLUSTER holding {@code items}. */
  public static ObjectNode archetypedContainer(
      String rmType, String archetypeId, String name, JsonNode... items) {
    ObjectNode node = archetypeRoot(rmType, archetypeId, name);
    node.set("items", array(items));
    return node;
  }

  /** An ENTRY root (OBSERVATION, EVALUATION ...) with language, encoding and subject set. */
  public static ObjectNode entry(String rmType, String archetypeId, String name) {
    ObjectNode entry = archetypeRoot(rmType, archetypeId, name);
    entry.set("language", codePhrase("ISO_639-1", "en"));
    entry.set("encoding", codePhrase("IANA_character-sets", "UTF-8"));
    entry.set("subject", typed("PARTY_SELF"));
    return entry;
  }

  /**
   * An OBSERVATION with one POINT_EVENT at {@code time} whose data is {@code eventData}; the
   * history and event node ids and names are those of the OPT.
   */
  public static ObjectNode observation(
      String archetypeId,
      String name,
      String historyNodeId,
      String historyName,
      String eventNodeId,
      String eventName,
      String time,
      ObjectNode eventData) {
    ObjectNode event = node("POINT_EVENT", eventNodeId, eventName);
    event.set("time", dvDateTime(time));
    event.set("data", eventData);
    ObjectNode history = node("HISTORY", historyNodeId, historyName);
    history.set("origin", dvDateTime(time));
    history.set("events", array(event));
    ObjectNode observation = entry("OBSERVATION", archetypeId, name);
    observation.set("data", history);
    return observation;
  }

  public static ArrayNode array(JsonNode... items) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (JsonNode item : items) {
      array.add(item);
    }
    return array;
  }
}
