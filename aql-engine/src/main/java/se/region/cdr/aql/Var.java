package se.region.cdr.aql;

/**
 * A variable of the FROM clause and the SQL rows that stand for it.
 *
 * <ul>
 *   <li>EHR: {@code alias} is an {@code ehr} row.
 *   <li>VERSION: {@code alias} is a {@code composition_version} row ({@code composition} the
 *       composition row) or, for a VERSION that contains the EHR_STATUS, an {@code
 *       ehr_status_version} row ({@code composition} null); {@code contribution} its contribution,
 *       {@code versionedUid} SQL for the versioned object's uid, {@code deleted} SQL for its lifecycle.
 *   <li>COMPOSITION: {@code alias} is a {@code composition} row, {@code node} its root content node.
 *   <li>NODE: {@code node} (= alias) is an archetype-rooted content node.
 *   <li>STATUS: {@code alias} is the EHR's current {@code ehr_status_version} row (canonical JSON).
 *   <li>FOLDER: {@code alias} is a row of {@code aql_folders(directory.data)} (num, num_cap, data: the
 *       folder's canonical JSON with its sub-folders), {@code directory} the EHR's current
 *       {@code directory_version} row it was found in.
 *   <li>INNER: an object inside a node's JSON (an EVENT, ELEMENT, ITEM_TREE...): {@code alias.v} is its
 *       compact JSON, {@code node} the content node row it was found in.
 * </ul>
 * Content node rows come from {@code comp_node} (head versions) or {@code comp_node_all} (every
 * version, with a {@code version} column) when the query asks for versions.
 */
final class Var {
  enum Kind { EHR, STATUS, VERSION, COMPOSITION, NODE, INNER, FOLDER }

  final String name;
  final Kind kind;
  final String rmType;
  final String alias;
  String node;
  String composition;
  String contribution;
  String directory;
  String versionedUid;
  String deleted;
  String ehr;
  boolean allVersions;

  Var(String name, Kind kind, String rmType, String alias) {
    this.name = name;
    this.kind = kind;
    this.rmType = rmType;
    this.alias = alias;
  }

  String nodeSource() {
    return allVersions ? "comp_node_all" : "comp_node";
  }

  /** SQL for the version number of this variable's content, or null for head-only rows. */
  String versionColumn() {
    return allVersions ? node + ".version" : null;
  }
}
