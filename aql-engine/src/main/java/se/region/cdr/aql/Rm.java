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
      "protocol", "state", "description", "activities", "other_details", "details");

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

  static boolean isParty(String attribute) {
    return attribute != null && PARTY_ATTRIBUTES.contains(attribute);
  }

  static final Set<String> ENTRY_TYPES = Set.of(
      "OBSERVATION", "EVALUATION", "INSTRUCTION", "ACTION", "ADMIN_ENTRY", "GENERIC_ENTRY");

  /** RM types that the FROM clause can name as archetype-rooted content nodes. */
  static final Set<String> NODE_TYPES = Set.of(
      "SECTION", "OBSERVATION", "EVALUATION", "INSTRUCTION", "ACTION", "ADMIN_ENTRY", "GENERIC_ENTRY", "CLUSTER",
      "ELEMENT", "ITEM_TREE", "ITEM_LIST", "ITEM_SINGLE", "ITEM_TABLE", "CONTENT_ITEM", "ENTRY", "CARE_ENTRY");

  /**
   * Where objects of RM types that are not archetype roots are in compact node JSON (strict
   * jsonpath; "T" is the stored _type, left out where it is the attribute's default). For the
   * event types it is a (lax) filter on each event of every HISTORY (see {@link #innerRows}).
   */
  static final java.util.Map<String, String> INNER_PATHS = java.util.Map.ofEntries(
      java.util.Map.entry("EVENT", "lax $ ? (@.type() == \"object\")"),
      java.util.Map.entry("POINT_EVENT", "lax $ ? (@.type() == \"object\" && (!(exists(@.T)) || @.T == \"POINT_EVENT\"))"),
      java.util.Map.entry("INTERVAL_EVENT", "lax $ ? (@.T == \"INTERVAL_EVENT\")"),
      java.util.Map.entry("HISTORY", "strict $.** ? (@.type() == \"object\" && @.T == \"HISTORY\")"),
      java.util.Map.entry("ITEM_TREE", "strict $.** ? (@.type() == \"object\" && (@.T == \"ITEM_TREE\" || (exists(@.I) && !(exists(@.T)) && !(exists(@.V)) && !(exists(@.CX)))))"),
      java.util.Map.entry("ITEM_LIST", "strict $.** ? (@.type() == \"object\" && @.T == \"ITEM_LIST\")"),
      java.util.Map.entry("ITEM_SINGLE", "strict $.** ? (@.type() == \"object\" && @.T == \"ITEM_SINGLE\")"),
      java.util.Map.entry("ITEM_TABLE", "strict $.** ? (@.type() == \"object\" && @.T == \"ITEM_TABLE\")"),
      java.util.Map.entry("ELEMENT", "strict $.** ? (@.type() == \"object\" && exists(@.I)).I[*] ? (@.type() == \"object\" && !(exists(@.\"@n\")) && (!(exists(@.T)) || @.T == \"ELEMENT\"))"),
      java.util.Map.entry("CLUSTER", "strict $.** ? (@.type() == \"object\" && exists(@.I)).I[*] ? (@.type() == \"object\" && @.T == \"CLUSTER\")"),
      java.util.Map.entry("EVENT_CONTEXT", "lax $.CX"),
      java.util.Map.entry("ACTIVITY", "strict $.** ? (@.type() == \"object\" && exists(@.AC)).AC[*]"),
      java.util.Map.entry("ISM_TRANSITION", "lax $.IS"));

  private static final Set<String> EVENT_TYPES = Set.of("EVENT", "POINT_EVENT", "INTERVAL_EVENT");

  /**
   * SQL for the objects of an inner type in compact JSON {@code json}, given the bound jsonpath of
   * {@link #INNER_PATHS}: events come from {@code aql_inner_events}, which restores the time the
   * stored form leaves out when it equals the history's origin.
   */
  static String innerRows(String innerType, String json, String jsonpath) {
    return (EVENT_TYPES.contains(innerType) ? "aql_inner_events(" : "jsonb_path_query(") + json + ", " + jsonpath + ")";
  }

  /** The attribute whose RM default type an inner object of this type would have (for decoding). */
  static String attributeFor(String innerType) {
    return switch (innerType) {
      case "EVENT", "POINT_EVENT", "INTERVAL_EVENT" -> "events";
      case "ELEMENT", "CLUSTER" -> "items";
      case "ITEM_TREE" -> "protocol";
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
      default -> Set.of(rmType);
    };
  }

  private Rm() {}
}
