package se.region.cdr.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Splits a composition's canonical JSON into archetype-rooted {@link ContentNode}s and puts them
 * back together. The split is what lets AQL CONTAINS run as a range join on node numbers.
 */
public final class ContentNodes {
  /** Key of the placeholder that stands for an archetyped child in its parent's JSON. */
  public static final String CHILD_REF = "@n";

  private static final Pattern ARCHETYPE_ID = Pattern.compile("^[A-Za-z][\\w]*-[A-Za-z][\\w]*-[A-Za-z][\\w]*\\.[\\w-]+(\\.[\\w-]+)*\\.v\\d+.*");

  private ContentNodes() {}

  public static boolean isArchetypeId(String nodeId) {
    return nodeId != null && ARCHETYPE_ID.matcher(nodeId).matches();
  }

  /** Splits a composition tree (not modified) into nodes in pre-order; node 0 is the COMPOSITION. */
  public static List<ContentNode> split(ObjectNode composition) {
    List<ContentNode> out = new ArrayList<>();
    addNode(composition.deepCopy(), -1, out);
    return out;
  }

  private static int addNode(ObjectNode data, int parentNum, List<ContentNode> out) {
    int num = out.size();
    out.add(null); // reserve the slot to keep pre-order numbering
    replaceChildren(data, num, out);
    String archetypeId = data.path("archetype_node_id").asText();
    String rmType = data.path("_type").asText(rmTypeOf(archetypeId));
    out.set(num, new ContentNode(num, out.size() - 1, parentNum, archetypeId, rmType, data));
    return num;
  }

  private static void replaceChildren(JsonNode container, int parentNum, List<ContentNode> out) {
    if (container instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
      fields.forEachRemaining(entries::add);
      for (Map.Entry<String, JsonNode> e : entries) {
        JsonNode child = e.getValue();
        if (isArchetypeRoot(child)) {
          object.set(e.getKey(), ref(addNode((ObjectNode) child, parentNum, out)));
        } else if (child.isContainerNode()) {
          replaceChildren(child, parentNum, out);
        }
      }
    } else if (container instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode child = array.get(i);
        if (isArchetypeRoot(child)) {
          array.set(i, ref(addNode((ObjectNode) child, parentNum, out)));
        } else if (child.isContainerNode()) {
          replaceChildren(child, parentNum, out);
        }
      }
    }
  }

  private static boolean isArchetypeRoot(JsonNode node) {
    return node instanceof ObjectNode && isArchetypeId(node.path("archetype_node_id").asText(null));
  }

  private static ObjectNode ref(int num) {
    return JsonNodeFactory.instance.objectNode().put(CHILD_REF, num);
  }

  /** The RM type named in an archetype id, e.g. OBSERVATION for openEHR-EHR-OBSERVATION.bp.v1. */
  public static String rmTypeOf(String archetypeId) {
    int firstDash = archetypeId.indexOf('-');
    int secondDash = archetypeId.indexOf('-', firstDash + 1);
    int dot = archetypeId.indexOf('.', secondDash + 1);
    if (firstDash < 0 || secondDash < 0 || dot < 0) {
      return "UNKNOWN";
    }
    return archetypeId.substring(secondDash + 1, dot);
  }

  /**
   * Reassembles a composition from its nodes' data, indexed by node number. The node objects are
   * modified in place (placeholders replaced); the root is returned.
   */
  public static ObjectNode assemble(List<ObjectNode> nodesByNum) {
    for (ObjectNode node : nodesByNum) {
      resolveRefs(node, nodesByNum);
    }
    return nodesByNum.get(0);
  }

  private static void resolveRefs(JsonNode container, List<ObjectNode> nodes) {
    if (container instanceof ObjectNode object) {
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
      object.fields().forEachRemaining(entries::add);
      for (Map.Entry<String, JsonNode> e : entries) {
        JsonNode child = e.getValue();
        if (isRef(child)) {
          object.set(e.getKey(), nodes.get(child.get(CHILD_REF).intValue()));
        } else if (child.isContainerNode()) {
          resolveRefs(child, nodes);
        }
      }
    } else if (container instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode child = array.get(i);
        if (isRef(child)) {
          array.set(i, nodes.get(child.get(CHILD_REF).intValue()));
        } else if (child.isContainerNode()) {
          resolveRefs(child, nodes);
        }
      }
    }
  }

  private static boolean isRef(JsonNode node) {
    return node instanceof ObjectNode o && o.size() == 1 && o.has(CHILD_REF);
  }
}
