package se.region.cdr.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The stored form of a content node's canonical JSON: the same tree with
 * <ul>
 *   <li>frequent RM attribute names replaced by short upper-case aliases (RM names are lower
 *       case, so aliases never collide; unknown keys pass through),
 *   <li>{@code _type} left out where it is the RM default of the attribute (e.g. DV_TEXT for
 *       {@code name}, CODE_PHRASE for {@code defining_code}), and such a default-typed object that
 *       holds only a string {@code value} stored as that bare string (a name, a DV_DATE_TIME, a
 *       TERMINOLOGY_ID), except the plain-string {@code name} of a PARTY_IDENTIFIED,
 *   <li>{@code _type} left out where it is the default of the attribute in the type that holds it
 *       (ITEM_TREE for an EVENT's {@code data}, DV_QUANTITY for an ELEMENT's {@code value}); never
 *       as a bare string,
 *   <li>an EVENT's {@code time} left out when it equals its HISTORY's {@code origin} (EVENT.time is
 *       mandatory, so a missing time always means the origin),
 *   <li>the {@code terminology_id} of a {@code language} (ISO_639-1) or {@code territory}
 *       (ISO_3166-1) CODE_PHRASE, and {@code openehr} of the {@code defining_code} of a {@code
 *       category}, {@code setting}, {@code null_flavour}, {@code math_function}, {@code
 *       current_state} or {@code transition}, left out (it is mandatory, so a missing one is that
 *       default),
 *   <li>the node's own {@code archetype_node_id} and {@code _type} left out (the row's archetype
 *       column has them), and a default {@code archetype_details} left out; the COMPOSITION's
 *       {@code archetype_details} of its own archetype, RM 1.0.4 and a template id is stored as
 *       the bare template id,
 *   <li>an ENTRY's {@code language}, {@code encoding} and {@code subject} left out when they are
 *       the composition's language, UTF-8 and PARTY_SELF.
 * </ul>
 * Decoding restores the canonical JSON exactly (key order aside). The AQL engine maps RM paths
 * with {@link #alias(String)}. This cuts stored size by more than half.
 */
public final class CompactJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String TYPE = "_type";

  private static final Map<String, String> ALIAS = new HashMap<>();
  private static final Map<String, String> NAME = new HashMap<>();
  private static final Map<String, String> DEFAULT_TYPE = new HashMap<>();
  /** The terminology of a {@code language} or {@code territory} CODE_PHRASE that stored JSON leaves out. */
  private static final Map<String, String> DEFAULT_TERMINOLOGY = Map.of("language", "ISO_639-1", "territory", "ISO_3166-1");
  /** DV_CODED_TEXT attributes coded in the openehr terminology: their defining_code leaves it out. */
  private static final Set<String> OPENEHR_CODED = Set.of("category", "setting", "null_flavour", "math_function", "current_state", "transition");
  private static final String OPENEHR = "openehr";
  /** Defaults that depend on the type of the object holding the attribute: "TYPE.attribute". */
  private static final Map<String, String> HELD_DEFAULT_TYPE = Map.of(
      "POINT_EVENT.data", "ITEM_TREE", "INTERVAL_EVENT.data", "ITEM_TREE", "ELEMENT.value", "DV_QUANTITY");
  private static final Set<String> ENTRY_TYPES = Set.of("OBSERVATION", "EVALUATION", "INSTRUCTION", "ACTION", "ADMIN_ENTRY", "GENERIC_ENTRY");
  private static final String RM_VERSION = "1.0.4";
  private static final int NO_DETAILS = 0;

  static {
    String[][] aliases = {
      {TYPE, "T"}, {"archetype_node_id", "A"}, {"name", "N"}, {"value", "V"}, {"items", "I"}, {"data", "D"},
      {"events", "E"}, {"defining_code", "C"}, {"terminology_id", "TI"}, {"code_string", "CS"}, {"magnitude", "M"},
      {"units", "U"}, {"precision", "P"}, {"time", "TM"}, {"origin", "O"}, {"state", "S"}, {"protocol", "PR"},
      {"archetype_details", "AD"}, {"archetype_id", "AI"}, {"rm_version", "RV"}, {"template_id", "TP"},
      {"language", "L"}, {"encoding", "EN"}, {"subject", "SU"}, {"context", "CX"}, {"start_time", "ST"},
      {"end_time", "ET"}, {"setting", "SE"}, {"content", "CO"}, {"composer", "CP"}, {"category", "CA"},
      {"territory", "TE"}, {"other_context", "OC"}, {"health_care_facility", "HF"}, {"description", "DE"},
      {"activities", "AC"}, {"numerator", "NU"}, {"denominator", "DN"}, {"symbol", "SY"}, {"ordinal", "OR"},
      {"external_ref", "XR"}, {"namespace", "NS"}, {"id", "ID"}, {"type", "TY"}, {"ism_transition", "IS"},
      {"current_state", "CU"}, {"uid", "UI"}, {"normal_range", "NR"}, {"lower", "LO"}, {"upper", "UP"},
      {"lower_included", "LI"}, {"upper_included", "UI2"}, {"lower_unbounded", "LU"}, {"upper_unbounded", "UU"},
      {"math_function", "MF"}, {"width", "W"}, {"timing", "TG"}, {"narrative", "NA"}, {"action_archetype_id", "AA"},
      {"careflow_step", "CF"}, {"transition", "TR"}, {"mappings", "MA"}, {"target", "TA"}, {"match", "MT"},
      {"issuer", "IU"}, {"assigner", "AS"}, {"null_flavour", "NF"}, {"feeder_audit", "FA"}, {"links", "LK"},
      {"participations", "PA"}, {"other_participations", "OP"}, {"function", "FN"}, {"mode", "MO"},
      {"performer", "PE"}, {"provider", "PV"}, {"normal_status", "NS2"}, {"accuracy", "AY"},
      {"accuracy_is_percent", "AP"}, {"magnitude_status", "MS"}, {"property", "PY"}, {"summary", "SM"},
      {"formalism", "FM"}, {"size", "SZ"}, {"media_type", "MD"}, {"alternate_text", "AT"}, {"uri", "UR"},
    };
    for (String[] a : aliases) {
      if (ALIAS.put(a[0], a[1]) != null || NAME.put(a[1], a[0]) != null) {
        throw new IllegalStateException("duplicate alias " + a[0] + " / " + a[1]);
      }
    }
    String[][] defaults = {
      {"name", "DV_TEXT"}, {"defining_code", "CODE_PHRASE"}, {"language", "CODE_PHRASE"}, {"encoding", "CODE_PHRASE"},
      {"territory", "CODE_PHRASE"}, {"terminology_id", "TERMINOLOGY_ID"}, {"time", "DV_DATE_TIME"},
      {"origin", "DV_DATE_TIME"}, {"start_time", "DV_DATE_TIME"}, {"end_time", "DV_DATE_TIME"},
      {"setting", "DV_CODED_TEXT"}, {"category", "DV_CODED_TEXT"}, {"context", "EVENT_CONTEXT"},
      {"symbol", "DV_CODED_TEXT"}, {"null_flavour", "DV_CODED_TEXT"}, {"ism_transition", "ISM_TRANSITION"},
      {"current_state", "DV_CODED_TEXT"}, {"careflow_step", "DV_CODED_TEXT"}, {"transition", "DV_CODED_TEXT"},
      {"math_function", "DV_CODED_TEXT"}, {"health_care_facility", "PARTY_IDENTIFIED"}, {"external_ref", "PARTY_REF"},
      {"items", "ELEMENT"}, {"events", "POINT_EVENT"}, {"state", "ITEM_TREE"}, {"protocol", "ITEM_TREE"},
      {"other_context", "ITEM_TREE"}, {"composer", "PARTY_IDENTIFIED"},
    };
    for (String[] d : defaults) {
      DEFAULT_TYPE.put(d[0], d[1]);
    }
  }

  private CompactJson() {}

  /** The stored key of an RM attribute name (the name itself when it has no alias). */
  public static String alias(String rmAttribute) {
    return ALIAS.getOrDefault(rmAttribute, rmAttribute);
  }

  /** The RM type that stored JSON leaves out for an attribute (null when it always keeps its type). */
  public static String defaultType(String rmAttribute) {
    return DEFAULT_TYPE.get(rmAttribute);
  }

  /**
   * The RM type that stored JSON leaves out for an object at {@code rmAttribute} of an object that
   * itself sits at {@code holderAttribute} (null when unknown), e.g. ITEM_TREE for the {@code data}
   * of an object in {@code events}; null when the object always keeps its type.
   */
  static String defaultType(String holderAttribute, String rmAttribute) {
    String plain = DEFAULT_TYPE.get(rmAttribute);
    if (plain != null || rmAttribute == null) {
      return plain;
    }
    if (rmAttribute.equals("value")) {
      return HELD_DEFAULT_TYPE.get("ELEMENT.value"); // no other RM attribute named value holds an object
    }
    String holderType = holderAttribute == null ? null : DEFAULT_TYPE.get(holderAttribute);
    return holderType == null ? null : HELD_DEFAULT_TYPE.get(holderType + "." + rmAttribute);
  }

  /**
   * Decodes a stored value found at an RM attribute (any depth below a node) back to canonical JSON.
   * {@code rmAttribute} may be qualified by the attribute its holder sits at ({@code events/data}),
   * for defaults that depend on the holder. {@code partyName} is true for the plain-string name of a
   * PARTY_IDENTIFIED.
   */
  public static JsonNode decodeAttribute(String rmAttribute, JsonNode stored, boolean partyName) {
    if (partyName || rmAttribute == null) {
      return decodeValue(stored, null);
    }
    int slash = rmAttribute.indexOf('/');
    String holder = slash < 0 ? null : rmAttribute.substring(0, slash);
    String attribute = rmAttribute.substring(slash + 1);
    String plain = DEFAULT_TYPE.get(attribute);
    if (plain != null) {
      return withTerminology(holder, attribute, decodeValue(stored, plain));
    }
    String held = defaultType(holder, attribute);
    return withTerminology(holder, attribute, decodeValue(stored, held != null && stored instanceof ObjectNode ? held : null));
  }

  /** Encodes a node's canonical JSON; {@code compositionLanguage} is the root's language (may be null). */
  public static ObjectNode encode(ContentNode node, JsonNode compositionLanguage) {
    ObjectNode data = node.data().deepCopy();
    data.remove("archetype_node_id");
    data.remove(TYPE);
    if (node.parentNum() < 0) {
      String templateId = defaultRootDetails(data.get("archetype_details"), node.archetypeId());
      if (templateId != null) {
        data.put("archetype_details", templateId);
      }
    } else {
      if (!data.has("archetype_details")) {
        data.put("archetype_details", NO_DETAILS); // rare: an archetype root without details
      } else if (isDefaultArchetypeDetails(data.get("archetype_details"), node.archetypeId())) {
        data.remove("archetype_details");
      }
    }
    if (ENTRY_TYPES.contains(node.rmType())) {
      removeIfEqual(data, "language", compositionLanguage);
      removeIfEqual(data, "encoding", utf8());
      removeIfEqual(data, "subject", partySelf());
    }
    return (ObjectNode) encodeValue(data, node.rmType());
  }

  /** {@code type}: the RM type the decoder will see for {@code value} (its _type or its default). */
  private static JsonNode encodeValue(JsonNode value, String type) {
    if (value instanceof ObjectNode object) {
      ObjectNode out = F.objectNode();
      JsonNode origin = object.get("origin");
      object.fields().forEachRemaining(e -> {
        String key = e.getKey();
        JsonNode v = e.getValue();
        if (key.equals("events") && origin != null && v instanceof ArrayNode events) {
          v = withoutTime(events, origin);
        }
        String terminology = DEFAULT_TERMINOLOGY.get(key);
        if (terminology != null && v instanceof ObjectNode code && terminologyId(terminology).equals(code.get("terminology_id"))) {
          ObjectNode copy = code.deepCopy();
          copy.remove("terminology_id");
          v = copy;
        } else if (OPENEHR_CODED.contains(key) && v instanceof ObjectNode coded && coded.get("defining_code") instanceof ObjectNode code
            && terminologyId(OPENEHR).equals(code.get("terminology_id"))) {
          ObjectNode copy = coded.deepCopy();
          ((ObjectNode) copy.get("defining_code")).remove("terminology_id");
          v = copy;
        }
        String defaultType = DEFAULT_TYPE.get(key);
        String heldDefault = type == null ? null : HELD_DEFAULT_TYPE.get(type + "." + key);
        if (defaultType != null && v instanceof ArrayNode array) {
          ArrayNode copy = F.arrayNode(array.size());
          ArrayNode encoded = F.arrayNode(array.size());
          array.forEach(item -> copy.add(withoutDefaultType(item, defaultType)));
          for (int i = 0; i < array.size(); i++) {
            encoded.add(encodeValue(copy.get(i), typeOf(array.get(i), defaultType)));
          }
          out.set(alias(key), encoded);
          return;
        }
        String childType = typeOf(v, defaultType != null ? defaultType : heldDefault);
        if (defaultType != null) {
          v = withoutDefaultType(v, defaultType);
        } else if (heldDefault != null && heldDefault.equals(childType) && v instanceof ObjectNode held && held.has(TYPE)) {
          ObjectNode copy = held.deepCopy();
          copy.remove(TYPE);
          v = copy;
        }
        out.set(alias(key), encodeValue(v, childType));
      });
      return out;
    }
    if (value instanceof ArrayNode array) {
      ArrayNode out = F.arrayNode(array.size());
      array.forEach(v -> out.add(encodeValue(v, typeOf(v, null))));
      return out;
    }
    return value;
  }

  /** The type the decoder resolves for a canonical value: its _type, else the default. */
  private static String typeOf(JsonNode canonical, String defaultType) {
    return canonical instanceof ObjectNode o && o.has(TYPE) ? o.get(TYPE).asText() : defaultType;
  }

  /** A HISTORY's events with each {@code time} equal to the origin left out. */
  private static ArrayNode withoutTime(ArrayNode events, JsonNode origin) {
    ArrayNode out = F.arrayNode(events.size());
    for (JsonNode event : events) {
      if (event instanceof ObjectNode o && origin.equals(o.get("time"))) {
        ObjectNode copy = o.deepCopy();
        copy.remove("time");
        out.add(copy);
      } else {
        out.add(event);
      }
    }
    return out;
  }

  private static JsonNode withoutDefaultType(JsonNode value, String defaultType) {
    if (value instanceof ObjectNode object && defaultType.equals(object.path(TYPE).asText(null))) {
      if (object.size() == 2 && object.path("value").isTextual()) {
        return object.get("value"); // single-value shorthand
      }
      ObjectNode copy = object.deepCopy();
      copy.remove(TYPE);
      return copy;
    }
    return value;
  }

  /** Decodes a stored node back to canonical JSON. */
  public static ObjectNode decode(ObjectNode stored, String archetypeId, String rmType, boolean isRoot, JsonNode compositionLanguage) {
    ObjectNode body = (ObjectNode) decodeValue(stored, rmType, true);
    ObjectNode out = F.objectNode();
    out.put(TYPE, rmType);
    if (isRoot && body.path("archetype_details").isTextual()) {
      ObjectNode details = F.objectNode();
      details.putObject("archetype_id").put("value", archetypeId);
      details.putObject("template_id").set("value", body.get("archetype_details"));
      details.put("rm_version", RM_VERSION);
      body.set("archetype_details", details);
    } else if (body.path("archetype_details").isInt() && body.get("archetype_details").intValue() == NO_DETAILS) {
      body.remove("archetype_details");
    } else if (!isRoot && !body.has("archetype_details")) {
      // as the SDK's canonical JSON writes it: no _type on ARCHETYPED and ARCHETYPE_ID
      ObjectNode details = out.putObject("archetype_details");
      details.putObject("archetype_id").put("value", archetypeId);
      details.put("rm_version", RM_VERSION);
    }
    if (ENTRY_TYPES.contains(rmType)) {
      if (!body.has("language") && compositionLanguage != null) {
        out.set("language", compositionLanguage.deepCopy());
      }
      if (!body.has("encoding")) {
        out.set("encoding", utf8());
      }
      if (!body.has("subject")) {
        out.set("subject", partySelf());
      }
    }
    out.setAll(body);
    if (!archetypeId.isEmpty()) {
      out.put("archetype_node_id", archetypeId);
    }
    return out;
  }

  private static JsonNode decodeValue(JsonNode value, String defaultType) {
    return decodeValue(value, defaultType, false);
  }

  /** {@code typeKnown}: {@code defaultType} is the object's type, not to be written (a node's root). */
  private static JsonNode decodeValue(JsonNode value, String defaultType, boolean typeKnown) {
    if (value.isTextual() && defaultType != null && !typeKnown) {
      return F.objectNode().put(TYPE, defaultType).set("value", value);
    }
    if (value instanceof ObjectNode object) {
      ObjectNode out = F.objectNode();
      String type = object.has("T") ? object.get("T").asText() : defaultType;
      if (type != null && !typeKnown && !object.has(ContentNodes.CHILD_REF)) {
        out.put(TYPE, type);
      }
      boolean party = type != null && type.startsWith("PARTY_");
      object.fields().forEachRemaining(e -> {
        if (e.getKey().equals("T")) {
          return;
        }
        String key = NAME.getOrDefault(e.getKey(), e.getKey());
        String childDefault = party && key.equals("name") ? null : DEFAULT_TYPE.get(key);
        if (childDefault == null && type != null && e.getValue() instanceof ObjectNode) {
          childDefault = HELD_DEFAULT_TYPE.get(type + "." + key);
        }
        out.set(key, withTerminology(null, key, decodeValue(e.getValue(), childDefault)));
      });
      if (out.get("events") instanceof ArrayNode events && out.has("origin")) {
        for (JsonNode event : events) {
          if (event instanceof ObjectNode o && !o.has("time") && !o.has(ContentNodes.CHILD_REF)) {
            o.set("time", out.get("origin").deepCopy());
          }
        }
      }
      return out;
    }
    if (value instanceof ArrayNode array) {
      ArrayNode out = F.arrayNode(array.size());
      array.forEach(v -> out.add(decodeValue(v, defaultType)));
      return out;
    }
    return value;
  }

  /**
   * The terminology id left out of a CODE_PHRASE at {@code rmAttribute} of an object at {@code
   * holderAttribute} (a {@code language}, a {@code territory}, the {@code defining_code} of a
   * {@code category}...), null where none is: the AQL engine restores it in SQL.
   */
  public static String defaultTerminology(String holderAttribute, String rmAttribute) {
    if (rmAttribute == null) {
      return null;
    }
    if (rmAttribute.equals("defining_code")) {
      return holderAttribute != null && OPENEHR_CODED.contains(holderAttribute) ? OPENEHR : null;
    }
    return DEFAULT_TERMINOLOGY.get(rmAttribute);
  }

  private static ObjectNode terminologyId(String value) {
    return F.objectNode().put(TYPE, "TERMINOLOGY_ID").put("value", value);
  }

  /**
   * A decoded value at {@code key} (of an object at {@code holder}, null when unknown) with a
   * left-out terminology id restored: its own (a {@code language}, or a {@code defining_code} of an
   * openehr-coded holder), or its {@code defining_code}'s (a {@code category}...).
   */
  private static JsonNode withTerminology(String holder, String key, JsonNode decoded) {
    if (!(decoded instanceof ObjectNode object) || object.has(ContentNodes.CHILD_REF)) {
      return decoded;
    }
    String terminology = defaultTerminology(holder, key);
    ObjectNode code = object;
    if (terminology == null && OPENEHR_CODED.contains(key) && object.get("defining_code") instanceof ObjectNode definingCode) {
      terminology = OPENEHR;
      code = definingCode;
    }
    if (terminology != null && !code.has("terminology_id")) {
      code.set("terminology_id", terminologyId(terminology));
    }
    return decoded;
  }

  /** The template id when a COMPOSITION's details are the default ones with a template id, else null. */
  private static String defaultRootDetails(JsonNode details, String archetypeId) {
    if (!(details instanceof ObjectNode d) || d.size() != 3 || !RM_VERSION.equals(d.path("rm_version").asText(null))) {
      return null;
    }
    JsonNode archetype = d.path("archetype_id");
    JsonNode template = d.path("template_id");
    if (archetype.size() != 1 || !archetypeId.equals(archetype.path("value").asText(null))
        || template.size() != 1 || !template.path("value").isTextual()) {
      return null;
    }
    return template.get("value").asText();
  }

  private static boolean isDefaultArchetypeDetails(JsonNode details, String archetypeId) {
    if (!(details instanceof ObjectNode d)) {
      return false;
    }
    int expectedFields = d.has(TYPE) ? 3 : 2;
    return d.size() == expectedFields
        && archetypeId.equals(d.path("archetype_id").path("value").asText(null))
        && d.path("archetype_id").size() == (d.path("archetype_id").has(TYPE) ? 2 : 1)
        && RM_VERSION.equals(d.path("rm_version").asText(null));
  }

  private static void removeIfEqual(ObjectNode data, String field, JsonNode expected) {
    if (expected != null && expected.equals(data.get(field))) {
      data.remove(field);
    }
  }

  private static ObjectNode utf8() {
    ObjectNode n = F.objectNode().put(TYPE, "CODE_PHRASE");
    n.putObject("terminology_id").put(TYPE, "TERMINOLOGY_ID").put("value", "IANA_character-sets");
    n.put("code_string", "UTF-8");
    return n;
  }

  private static ObjectNode partySelf() {
    return F.objectNode().put(TYPE, "PARTY_SELF");
  }
}
