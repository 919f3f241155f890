package se.region.cdr.aql;

import java.util.Set;

/** What the compiler needs to know of the openEHR reference model to walk stored JSON. */
final class Rm {
  /** Attributes whose value is a list: a path step over them yields one row per element. */
  /**
   * RM attributes whose objects can hold archetyped nodes (an ITEM_TREE's CLUSTER, an EVENT's data,
   * a composition's content): a selected object there may carry child placeholders to fill in.
   */
  static final Set<String> HOLDS_ARCHETYPED = Set.of("content", "context", "other_context", "data", "events", "items", "item", "rows",
      "protocol", "state", "description", "activities", "other_details", "details", "feeder_audit", "feeder_system_audit",
      "originating_system_audit");

  static final Set<String> MULTI_VALUED = Set.of(
      "content", "items", "events", "activities", "participations", "other_participations", "identifiers",
      "mappings", "other_reference_ranges", "feeder_system_item_ids", "links", "rows", "audits", "attestations",
      "originating_system_item_ids", "other_input_version_uids");

  /** Attributes that hold a PARTY_PROXY, whose {@code name} is a plain string, not a DV_TEXT. */
  static final Set<String> PARTY_ATTRIBUTES = Set.of(
      "composer", "performer", "provider", "health_care_facility", "subject", "committer", "location", "originator");

  /**
   * Default RM types whose objects CompactJson may store as a bare string (they can hold only a
   * {@code value}): {@code x/value} below an attribute of such a type reads either form.
   */
  static final Set<String> SHORTHAND_TYPES = Set.of("DV_TEXT", "DV_DATE_TIME", "TERMINOLOGY_ID");

  /** Data value types with an order (DV_ORDERED's, and DV_DURATION), sorted for stable bound values. */
  static final java.util.List<String> ORDERED_DATA_VALUES = java.util.List.of(
      "DV_COUNT", "DV_DATE", "DV_DATE_TIME", "DV_DURATION", "DV_ORDINAL", "DV_PROPORTION", "DV_QUANTITY", "DV_SCALE", "DV_TIME");

  static boolean isParty(String attribute) {
    return attribute != null && PARTY_ATTRIBUTES.contains(attribute);
  }

  static final Set<String> ENTRY_TYPES = Set.of(
      "OBSERVATION", "EVALUATION", "INSTRUCTION", "ACTION", "ADMIN_ENTRY", "GENERIC_ENTRY");

  /** RM types that the FROM clause can name as archetype-rooted content nodes. */
  static final Set<String> NODE_TYPES = Set.of(
      "SECTION", "OBSERVATION", "EVALUATION", "INSTRUCTION", "ACTION", "ADMIN_ENTRY", "GENERIC_ENTRY", "CLUSTER",
      "ELEMENT", "ITEM_TREE", "ITEM_LIST", "ITEM_SINGLE", "ITEM_TABLE", "ITEM_STRUCTURE", "CONTENT_ITEM", "ENTRY", "CARE_ENTRY");

  /** Types of {@link #INNER_PATHS} that can also be archetype roots (content node rows of their own). */
  static final Set<String> ARCHETYPE_ROOT_INNER = Set.of("CLUSTER", "ELEMENT", "ITEM_TREE", "ITEM_LIST", "ITEM_SINGLE", "ITEM_TABLE", "ITEM_STRUCTURE");

  /** Objects with items that keep no _type: an ITEM_TREE (the default of protocol, state, an event's data...). */
  private static final String TYPELESS_TREE = "(exists(@.I) && !(exists(@.T)) && !(exists(@.V)) && !(exists(@.CX)))";

  /**
   * Where objects of RM types that are not archetype roots are in compact node JSON (strict
   * jsonpath; "T" is the stored _type, left out where it is the attribute's default). For the
   * event types it is a (lax) filter on each event of every HISTORY (see {@link #innerRows}).
   * {@code .**{1 to last}} leaves out the searched object itself (a node's root is never one of its
   * own inner objects; an ITEM_TREE does not contain itself).
   */
  static final java.util.Map<String, String> INNER_PATHS = java.util.Map.ofEntries(
      java.util.Map.entry("EVENT", "lax $ ? (@.type() == \"object\")"),
      java.util.Map.entry("POINT_EVENT", "lax $ ? (@.type() == \"object\" && (!(exists(@.T)) || @.T == \"POINT_EVENT\"))"),
      java.util.Map.entry("INTERVAL_EVENT", "lax $ ? (@.T == \"INTERVAL_EVENT\")"),
      // OBSERVATION.data is always a HISTORY: stored without _type when the composition left it out
      java.util.Map.entry("HISTORY", "strict $.**{1 to last} ? (@.type() == \"object\" && (@.T == \"HISTORY\" || (!(exists(@.T)) && exists(@.O))))"),
      java.util.Map.entry("ITEM_TREE", "strict $.**{1 to last} ? (@.type() == \"object\" && (@.T == \"ITEM_TREE\" || " + TYPELESS_TREE + "))"),
      java.util.Map.entry("ITEM_LIST", "strict $.**{1 to last} ? (@.type() == \"object\" && @.T == \"ITEM_LIST\")"),
      java.util.Map.entry("ITEM_SINGLE", "strict $.**{1 to last} ? (@.type() == \"object\" && @.T == \"ITEM_SINGLE\")"),
      java.util.Map.entry("ITEM_TABLE", "strict $.**{1 to last} ? (@.type() == \"object\" && @.T == \"ITEM_TABLE\")"),
      java.util.Map.entry("ITEM_STRUCTURE", "strict $.**{1 to last} ? (@.type() == \"object\" && (@.T == \"ITEM_TREE\" || @.T == \"ITEM_LIST\" || "
          + "@.T == \"ITEM_SINGLE\" || @.T == \"ITEM_TABLE\" || " + TYPELESS_TREE + "))"),
      java.util.Map.entry("ELEMENT", "strict $.** ? (@.type() == \"object\" && exists(@.I)).I[*] ? (@.type() == \"object\" && !(exists(@.\"@n\")) && (!(exists(@.T)) || @.T == \"ELEMENT\"))"),
      java.util.Map.entry("CLUSTER", "strict $.** ? (@.type() == \"object\" && exists(@.I)).I[*] ? (@.type() == \"object\" && @.T == \"CLUSTER\")"),
      java.util.Map.entry("EVENT_CONTEXT", "lax $.CX"),
      java.util.Map.entry("ACTIVITY", "strict $.** ? (@.type() == \"object\" && exists(@.AC)).AC[*]"),
      java.util.Map.entry("ISM_TRANSITION", "lax $.IS"),
      java.util.Map.entry("INSTRUCTION_DETAILS", "strict $.** ? (@.type() == \"object\" && exists(@.instruction_details)).instruction_details"),
      java.util.Map.entry("FEEDER_AUDIT", "strict $.** ? (@.type() == \"object\" && exists(@.FA)).FA"));

  private static final Set<String> EVENT_TYPES = Set.of("EVENT", "POINT_EVENT", "INTERVAL_EVENT");

  /**
   * SQL for the objects of an inner type in compact JSON {@code json}, given the bound jsonpath of
   * {@link #INNER_PATHS}: events come from {@code aql_inner_events}, which restores the time the
   * stored form leaves out when it equals the history's origin.
   */
  static String innerRows(String innerType, String json, String jsonpath) {
    return (EVENT_TYPES.contains(innerType) ? "aql_inner_events(" : "jsonb_path_query(") + json + ", " + jsonpath + ")";
  }

  /** SQL for an inner object {@code y} of this type as selected: a HISTORY with the _type it may have been stored without. */
  static String innerObject(String innerType, String y) {
    return innerType.equals("HISTORY") ? y + " || '{\"T\": \"HISTORY\"}'::jsonb" : y;
  }

  /** The attribute whose RM default type an inner object of this type would have (for decoding). */
  static String attributeFor(String innerType) {
    return switch (innerType) {
      case "EVENT", "POINT_EVENT", "INTERVAL_EVENT" -> "events";
      case "ELEMENT", "CLUSTER" -> "items";
      case "ITEM_TREE", "ITEM_STRUCTURE" -> "protocol";
      case "FEEDER_AUDIT" -> "feeder_audit";
      case "INSTRUCTION_DETAILS" -> "instruction_details";
      case "EVENT_CONTEXT" -> "context";
      case "ISM_TRANSITION" -> "ism_transition";
      default -> null;
    };
  }

  /** Abstract RM types in FROM and the concrete types they stand for. */
  static Set<String> concreteTypes(String rmType) {
    return switch (rmType) {
      case "ENTRY" -> Set.of("OBSERVATION", "EVALUATION", "INSTRUCTION", "ACTION", "ADMIN_ENTRY", "GENERIC_ENTRY");
      case "CARE_ENTRY" -> Set.of("OBSERVATION", "EVALUATION", "INSTRUCTION", "ACTION");
      case "CONTENT_ITEM" -> Set.of("SECTION", "OBSERVATION", "EVALUATION", "INSTRUCTION", "ACTION", "ADMIN_ENTRY", "GENERIC_ENTRY");
      case "ITEM_STRUCTURE" -> Set.of("ITEM_TREE", "ITEM_LIST", "ITEM_SINGLE", "ITEM_TABLE");
      default -> Set.of(rmType);
    };
  }

  private Rm() {}
}
