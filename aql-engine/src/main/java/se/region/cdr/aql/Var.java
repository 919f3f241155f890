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
 *   <li>NODE: {@code node} (= alias) is an archetype-rooted content node ({@code archetypeId} the one
 *       archetype its predicate names, if it does).
 *   <li>STATUS: {@code alias} is the EHR's current {@code ehr_status_version} row (canonical JSON).
 *   <li>FOLDER: {@code alias} is a row of {@code aql_folders(directory.data)} (num, num_cap, data: the
 *       folder's canonical JSON with its sub-folders), {@code directory} the EHR's current
 *       {@code directory_version} row it was found in.
 *   <li>INNER: an object inside a node's JSON (an EVENT, ELEMENT, ITEM_TREE...): {@code alias.v} is its
 *       compact JSON, {@code node} the content node row it was found in; or, with {@code canonical},
 *       an object of an EHR_STATUS's canonical JSON ({@code node} null).
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
  /** COMPOSITION left out of the joins until a path names it (see FromCompiler): its join, or null. */
  String pendingJoin;
  /** COMPOSITION with a pending join: the content node variable whose row that join reads. */
  Var pendingOn;
  /**
   * COMPOSITION with a pending join whose node rows are value index rows ({@link IndexedAggregates}):
   * the column holding its start time there, so a comparison with it needs no join; else null.
   */
  String indexedStartTime;
  /**
   * NODE joined straight to the EHR, inner, with nothing inside it in FROM: the join clause as it is
   * in the statement (a query that only asks which EHRs match may turn it into EXISTS), else null.
   */
  String ehrJoin;
  /** With {@code ehrJoin}: the EHR row's alias. */
  String ehrAlias;
  /** NODE whose only predicate is its archetype id (so a value index row implies the node). */
  boolean archetypeOnly;
  /** NODE: the archetype id its predicate names, if exactly one (for value indexes). */
  String archetypeId;
  boolean allVersions;
  boolean canonical;
  /**
   * INNER in an EHR ({@code EHR e CONTAINS ELEMENT l}): the same variable for the rows whose object
   * is in the EHR_STATUS (canonical JSON; see {@code InnerObjects}), or null. Paths are compiled for
   * both and a row reads the one that is there.
   */
  Var inStatus;

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
