package se.region.cdr.aql;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.ehrbase.openehr.sdk.aql.dto.path.AndOperatorPredicate;
import org.ehrbase.openehr.sdk.aql.dto.path.AqlObjectPath;
import org.ehrbase.openehr.sdk.aql.dto.path.AqlObjectPath.PathNode;
import org.ehrbase.openehr.sdk.aql.dto.path.ComparisonOperatorPredicate;
import org.ehrbase.openehr.sdk.aql.dto.path.ComparisonOperatorPredicate.PredicateComparisonOperator;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ehr.ChangeType;
import se.region.cdr.core.store.CompactJson;
import se.region.cdr.core.store.ContentNodes;

/**
 * Compiles an AQL path below a FROM variable into SQL over the stored rows.
 *
 * <p>Single-valued steps become {@code ->} on the node's compact JSON (keys through {@link
 * CompactJson#alias}). A step over a list attribute ({@link Rm#MULTI_VALUED}) becomes a lateral
 * join over the list's elements, filtered by the step's predicates, so a path through a list yields
 * one row per matching element; paths with the same prefix share that join, which keeps the columns
 * of one row on the same element. Elements that are archetype-rooted nodes of their own (entries in
 * {@code content}, archetyped clusters) are reached through their {@code comp_node} row.
 */
final class PathCompiler {
  private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final String UTF8 = "'{\"TI\":\"IANA_character-sets\",\"CS\":\"UTF-8\"}'::jsonb";

  private final Sql main;
  private final String systemId;
  private final Operands operands;
  /** List joins by path prefix, per statement that unrolls lists (the main one, path groups). */
  private final Map<Sql, Map<String, Pos>> unrolled = new IdentityHashMap<>();
  private final Map<String, String> statusJoins = new HashMap<>();

  PathCompiler(Sql main, String systemId, Operands operands) {
    this.main = main;
    this.systemId = systemId;
    this.operands = operands;
  }

  /** A place in a row's JSON: the jsonb SQL, the content node it is in, and how it was reached. */
  record Pos(String json, Var var, String node, boolean compact, boolean nodeRoot, String attribute, String parentAttribute) {
    Pos step(String json, String attribute) {
      return new Pos(json, var, node, compact, false, attribute, this.attribute);
    }
  }

  /**
   * Compiles a path (null for the variable itself). New list joins go to {@code target}: the main
   * statement (SELECT, ORDER BY), a group of SELECT paths ({@link PathGroups}), or an EXISTS
   * subquery (WHERE), which first reuses main joins.
   */
  Value compile(Var var, AqlObjectPath path, Sql target) {
    List<PathNode> steps = path == null ? List.of() : path.getPathNodes();
    if (steps.isEmpty()) {
      return whole(var);
    }
    Pos pos;
    int next;
    switch (var.kind) {
      case EHR -> {
        Value special = ehrAttribute(var, steps);
        if (special != null) {
          return special;
        }
        pos = new Pos(statusJoin(var), var, null, false, false, "ehr_status", null);
        next = 1;
      }
      case VERSION -> {
        pos = new Pos(versionObject(var), var, null, false, false, null, null);
        next = 0;
      }
      case STATUS -> {
        pos = new Pos(var.alias + ".data", var, null, false, false, null, null);
        next = 0;
      }
      case INNER -> {
        pos = new Pos(var.alias + ".v", var, var.node, !var.canonical, false, Rm.attributeFor(var.rmType), null);
        next = 0;
      }
      case FOLDER -> {
        pos = folderRoot(var);
        next = 0;
      }
      default -> {
        pos = nodeRoot(var, var.node);
        next = 0;
      }
    }
    StringBuilder prefix = new StringBuilder(var.name);
    for (int i = next; i < steps.size(); i++) {
      PathNode step = steps.get(i);
      String attribute = step.getAttribute();
      if (!ATTRIBUTE.matcher(attribute).matches()) {
        throw CdrException.badRequest("Invalid attribute name in path: " + attribute);
      }
      prefix.append('/').append(attribute);
      step.getPredicateOrOperands().forEach(p -> prefix.append('[').append(render(p)).append(']'));
      if (Rm.MULTI_VALUED.contains(attribute)) {
        pos = elements(pos, attribute, step.getPredicateOrOperands(), prefix.toString(), target);
      } else {
        pos = single(pos, attribute);
        if (!step.getPredicateOrOperands().isEmpty()) {
          pos = filtered(pos, step.getPredicateOrOperands(), target);
        }
      }
    }
    if (pos.nodeRoot && pos.node != null) {
      return tree(pos.var, pos.node);
    }
    if (!pos.compact) {
      return Value.canonical(pos.json);
    }
    boolean partyName = "name".equals(pos.attribute) && Rm.isParty(pos.parentAttribute);
    boolean holder = pos.node != null && Rm.HOLDS_ARCHETYPED.contains(pos.attribute);
    // qualified by the holder's attribute for defaults that depend on it (an EVENT's data: ITEM_TREE)
    String decodeAs = pos.attribute != null && pos.parentAttribute != null ? pos.parentAttribute + "/" + pos.attribute : pos.attribute;
    return Value.compact(pos.json, decodeAs, partyName, holder ? descendants(pos.var, pos.node) : null);
  }

  /**
   * True when a list step of a path below a content node variable is already unrolled in the main
   * statement: a condition on it then holds for the selected element, not for some element.
   */
  boolean unrolledInMain(Var var, AqlObjectPath path) {
    StringBuilder prefix = new StringBuilder(var.name);
    for (PathNode step : path.getPathNodes()) {
      prefix.append('/').append(step.getAttribute());
      step.getPredicateOrOperands().forEach(p -> prefix.append('[').append(render(p)).append(']'));
      if (unrolled.getOrDefault(main, Map.of()).containsKey(prefix.toString())) {
        return true;
      }
    }
    return false;
  }

  /** Joins a variable left out of the main statement until now, as it is named (see FromCompiler). */
  void joinPending(Var var) {
    if (var.pendingJoin != null) {
      main.join(var.pendingJoin);
      var.pendingJoin = null;
    }
  }

  /** Compiles a relative path (a predicate's) from a position; it must stay single-valued. */
  String relative(Pos from, AqlObjectPath path) {
    Pos pos = from;
    for (PathNode step : path.getPathNodes()) {
      if (!ATTRIBUTE.matcher(step.getAttribute()).matches() || Rm.MULTI_VALUED.contains(step.getAttribute())
          || !step.getPredicateOrOperands().isEmpty()) {
        throw CdrException.badRequest("Predicate paths must be single-valued attributes: " + path.render());
      }
      pos = single(pos, step.getAttribute());
    }
    return pos.json;
  }

  /** A FOLDER variable's own object: canonical JSON (the directory is stored as such). */
  static Pos folderRoot(Var folder) {
    return new Pos(folder.alias + ".data", folder, null, false, false, null, null);
  }

  Pos nodeRoot(Var var, String node) {
    return new Pos(node + ".data", var, node, true, true, null, null);
  }

  private Pos single(Pos pos, String attribute) {
    if (!pos.compact) {
      return pos.step(pos.json + " -> '" + attribute + "'", attribute);
    }
    if (attribute.equals("value") && Rm.SHORTHAND_TYPES.contains(String.valueOf(CompactJson.defaultType(pos.attribute)))
        && !("name".equals(pos.attribute) && Rm.isParty(pos.parentAttribute))) {
      return pos.step("aql_sv(" + pos.json + ")", attribute);
    }
    String key = "'" + CompactJson.alias(attribute) + "'";
    String terminology = attribute.equals("terminology_id") ? CompactJson.defaultTerminology(pos.parentAttribute, pos.attribute) : null;
    if (terminology != null) { // left out of a language/territory/openehr CODE_PHRASE (a constant of CompactJson)
      return pos.step("case when jsonb_typeof(" + pos.json + ") = 'object' then coalesce(" + pos.json + " -> 'TI', '\"" + terminology
          + "\"'::jsonb) end", attribute);
    }
    if (pos.nodeRoot && attribute.equals("uid") && pos.var.kind == Var.Kind.COMPOSITION && pos.node.equals(pos.var.node)) {
      Var c = pos.var;
      String uid = versionUid(c.alias + ".uid", c.allVersions ? c.node + ".version" : c.alias + ".version");
      return new Pos("jsonb_build_object('_type', 'OBJECT_VERSION_ID', 'value', " + uid + ")", c, null, false, false, attribute, null);
    }
    if (pos.nodeRoot) {
      String n = pos.node;
      String json = switch (attribute) {
        case "archetype_node_id" -> "to_jsonb(" + archetypeIdOf(n) + ")";
        case "archetype_details" -> "case when jsonb_typeof(" + n + ".data -> 'AD') = 'string' then jsonb_build_object('AI', jsonb_build_object('V', "
            + archetypeIdOf(n) + "), 'RV', '1.0.4', 'TP', jsonb_build_object('V', " + n + ".data -> 'AD')) else coalesce(" + n
            + ".data -> 'AD', jsonb_build_object('AI', jsonb_build_object('V', " + archetypeIdOf(n) + "), 'RV', '1.0.4')) end";
        case "language" -> "coalesce(" + n + ".data -> 'L', (select r.data -> 'L' from " + pos.var.nodeSource() + " r where r.composition = "
            + n + ".composition and r.num = 0" + (pos.var.allVersions ? " and r.version = " + n + ".version" : "") + "))";
        case "encoding" -> "case when " + n + ".num > 0 then coalesce(" + n + ".data -> 'EN', " + UTF8 + ") else " + n + ".data -> 'EN' end";
        case "subject" -> "case when " + n + ".num > 0 then coalesce(" + n + ".data -> 'SU', '{\"T\":\"PARTY_SELF\"}'::jsonb) else "
            + n + ".data -> 'SU' end";
        default -> n + ".data -> " + key;
      };
      return pos.step(json, attribute);
    }
    return pos.step(pos.json + " -> " + key, attribute);
  }

  /** SQL for an OBJECT_VERSION_ID value: {@code uid::system_id::version}. */
  private String versionUid(String uidColumn, String versionSql) {
    return uidColumn + "::text || '::' || " + main.bind(systemId) + " || '::' || " + versionSql;
  }

  private static String archetypeIdOf(String node) {
    return "(select a.archetype_id from archetype a where a.id = " + node + ".archetype)";
  }

  /** A list step: one row per element that matches the predicates (a null row when none does). */
  private Pos elements(Pos pos, String attribute, List<AndOperatorPredicate> predicates, String prefix, Sql target) {
    Map<String, Pos> lists = unrolled.computeIfAbsent(target.unrollsLists() ? target : main, t -> new HashMap<>());
    Pos cached = lists.get(prefix);
    if (cached != null) {
      return cached;
    }
    String list = single(pos, attribute).json;
    String x = target.alias("x");
    String a = target.alias("a");
    // events through aql_events: it restores an event's time left out as equal to the history's origin
    String elements = (pos.compact && attribute.equals("events") ? "aql_events(" + pos.json + ")" : "aql_elements(" + list + ")")
        + " as " + x + "(value)";
    boolean nodes = pos.compact && (attribute.equals("content") || asksArchetypeId(predicates));
    Pos result;
    String join;
    if (nodes) {
      Var var = pos.var;
      String k = target.alias("k");
      Pos element = nodeRoot(var, k);
      String filter = predicates.isEmpty() ? "" : " where " + predicate(element, predicates, target);
      // each placeholder names one row: a primary-key lookup per element (LIMIT 1 keeps PostgreSQL
      // from flattening the lookup into a join it may run as a scan of the composition's rows)
      String k0 = target.alias("k");
      join = "join lateral (select " + k + ".* from " + elements + " cross join lateral (select " + k0 + ".* from " + var.nodeSource() + " "
          + k0 + " where " + k0 + ".composition = " + pos.node + ".composition and " + k0 + ".num = (" + x + ".value ->> '@n')::smallint"
          + (var.allVersions ? " and " + k0 + ".version = " + pos.node + ".version" : "") + " limit 1) " + k + filter + ") " + a + " on true";
      result = new Pos(a + ".data", var, a, true, true, attribute, pos.attribute);
    } else {
      Pos element = new Pos(x + ".value", pos.var, pos.node, pos.compact, false, attribute, pos.attribute);
      String filter = predicates.isEmpty() ? "" : " where " + predicate(element, predicates, target);
      // OFFSET 0 keeps the element a column: flattened, its expression would be copied (and planned and
      // evaluated) into every place that reads it, the ORDER BY keys and the next steps' lists
      join = "join lateral (select " + x + ".value as v from " + elements + filter + " offset 0) " + a + " on true";
      result = new Pos(a + ".v", pos.var, pos.node, pos.compact, false, attribute, pos.attribute);
    }
    if (target.unrollsLists()) {
      target.join("left " + join);
      lists.put(prefix, result);
    } else {
      target.join(join);
    }
    return result;
  }

  /** Predicates on a single-valued step (rare: {@code data[at0001]}): the value or null. */
  private Pos filtered(Pos pos, List<AndOperatorPredicate> predicates, Sql target) {
    String condition = predicate(pos, predicates, target);
    return pos.step("case when " + condition + " then " + pos.json + " end", pos.attribute);
  }

  /** True when a predicate asks for an archetype id (not an at-code) as archetype_node_id. */
  boolean asksArchetypeId(List<AndOperatorPredicate> predicates) {
    if (predicates == null) {
      return false;
    }
    for (AndOperatorPredicate and : predicates) {
      for (ComparisonOperatorPredicate p : and.getOperands()) {
        if (isNodeId(p) && p.getValue() != null && ContentNodes.isArchetypeId(String.valueOf(operands.constant(p.getValue())))) {
          return true;
        }
      }
    }
    return false;
  }

  static boolean isNodeId(ComparisonOperatorPredicate p) {
    List<PathNode> nodes = p.getPath().getPathNodes();
    return nodes.size() == 1 && nodes.get(0).getAttribute().equals("archetype_node_id");
  }

  /** SQL for predicates (OR of ANDs) on the object at {@code pos}. */
  String predicate(Pos pos, List<AndOperatorPredicate> predicates, Sql sql) {
    StringBuilder or = new StringBuilder();
    for (AndOperatorPredicate and : predicates) {
      StringBuilder all = new StringBuilder();
      for (ComparisonOperatorPredicate p : and.getOperands()) {
        String term;
        if (isNodeId(p) && pos.nodeRoot && pos.node != null) {
          term = archetypeCondition(pos.node, p);
        } else {
          String left = relative(pos, p.getPath());
          term = p.getOperator() == PredicateComparisonOperator.MATCHES
              ? "aql_text(" + left + ") ~ " + sql.bind(p.getMatchesOperand().getEscapedRegex())
              : Comparisons.compare(left, p.getOperator().getSymbol(), operands.constant(p.getValue()), sql);
        }
        all.append(all.length() == 0 ? "" : " and ").append(term);
      }
      or.append(or.length() == 0 ? "" : " or ").append('(').append(all).append(')');
    }
    return "(" + or + ")";
  }

  /** The archetype of a node row by id (through the archetype dictionary, an index lookup). */
  String archetypeCondition(String node, ComparisonOperatorPredicate p) {
    if (p.getOperator() == PredicateComparisonOperator.MATCHES) {
      return node + ".archetype in (select id from archetype where archetype_id ~ " + main.bind(p.getMatchesOperand().getEscapedRegex()) + ")";
    }
    Object value = operands.constant(p.getValue());
    String op = p.getOperator() == PredicateComparisonOperator.NEQ ? "not in" : "in";
    return node + ".archetype " + op + " (select id from archetype where archetype_id = " + main.bind(String.valueOf(value)) + ")";
  }

  private Value whole(Var var) {
    return switch (var.kind) {
      case EHR -> Value.canonical(ehrObject(var));
      case STATUS, FOLDER -> Value.canonical(var.alias + ".data");
      case INNER -> var.canonical ? Value.canonical(var.alias + ".v") : Value.compact(var.alias + ".v", Rm.attributeFor(var.rmType), false,
          var.rmType.equals("ELEMENT") ? null : descendants(var, var.node));
      case VERSION -> throw CdrException.badRequest("Selecting a whole VERSION is not supported; select its attributes or its COMPOSITION");
      default -> tree(var, var.node);
    };
  }

  /** A whole archetype-rooted subtree: its rows, the composition language, and the uid for a composition. */
  private Value tree(Var var, String node) {
    String version = var.allVersions ? " and k.version = " + node + ".version" : "";
    String uid = var.kind == Var.Kind.COMPOSITION && node.equals(var.node)
        ? versionUid(var.alias + ".uid", var.allVersions ? node + ".version" : var.alias + ".version")
        : "null";
    return Value.tree("case when " + node + ".num is not null then jsonb_build_object('nodes', (select jsonb_agg(jsonb_build_array(k.num, a.archetype_id, a.rm_type, k.data) order by k.num)"
        + " from " + var.nodeSource() + " k join archetype a on a.id = k.archetype where k.composition = " + node + ".composition and k.num between "
        + node + ".num and " + node + ".num_cap" + version + "), 'lang', (select k.data -> 'L' from " + var.nodeSource() + " k where k.composition = "
        + node + ".composition and k.num = 0" + version + "), 'uid', " + uid + ") end");
  }

  /** The rows of the archetyped nodes below {@code node} (see {@link Value#descendants()}). */
  private static String descendants(Var var, String node) {
    String version = var.allVersions ? " and k.version = " + node + ".version" : "";
    return "jsonb_build_object('nodes', (select jsonb_agg(jsonb_build_array(k.num, a.archetype_id, a.rm_type, k.data) order by k.num) from "
        + var.nodeSource() + " k join archetype a on a.id = k.archetype where k.composition = " + node + ".composition and k.num > " + node
        + ".num and k.num <= " + node + ".num_cap" + version + "), 'lang', (select k.data -> 'L' from " + var.nodeSource()
        + " k where k.composition = " + node + ".composition and k.num = 0" + version + "))";
  }

  /** EHR attributes read from the row (null for ehr_status, walked in its JSON). */
  private Value ehrAttribute(Var e, List<PathNode> steps) {
    String first = steps.get(0).getAttribute();
    if (first.equals("ehr_status")) {
      return null;
    }
    boolean object = steps.size() == 1;
    boolean leaf = steps.size() == 2 && steps.get(1).getAttribute().equals("value");
    if (!(object || leaf) || !steps.get(0).getPredicateOrOperands().isEmpty()) {
      return nullValue();
    }
    String system = main.bind(systemId) + "::text";
    return switch (first) {
      case "ehr_id" -> Value.canonical(leaf ? "to_jsonb(" + e.alias + ".ehr_id::text)"
          : "jsonb_build_object('_type', 'HIER_OBJECT_ID', 'value', " + e.alias + ".ehr_id::text)");
      case "system_id" -> Value.canonical(leaf ? "to_jsonb(" + system + ")" : "jsonb_build_object('_type', 'HIER_OBJECT_ID', 'value', " + system + ")");
      case "time_created" -> Value.canonical(leaf ? isoUtc(e.alias + ".created_at")
          : "jsonb_build_object('_type', 'DV_DATE_TIME', 'value', " + isoUtc(e.alias + ".created_at") + ")");
      default -> nullValue();
    };
  }

  /**
   * A timestamptz as the JSON string the REST API writes for the same instant: ISO 8601 with
   * {@code Z} for UTC (the session time zone is UTC, where PostgreSQL would write {@code +00:00}).
   */
  static String isoUtc(String column) {
    return "to_jsonb(regexp_replace(to_jsonb(" + column + ") #>> '{}', '\\+00:00$', 'Z'))";
  }

  private static Value nullValue() {
    return Value.canonical("null::jsonb");
  }

  /** The EHR's current EHR_STATUS (canonical JSON), joined once per EHR variable. */
  private String statusJoin(Var e) {
    return statusJoins.computeIfAbsent(e.name, k -> {
      String s = main.alias("s");
      main.join("left join ehr_status_version " + s + " on " + s + ".ehr = " + e.alias + ".id and " + s + ".version = " + e.alias + ".status_version");
      return s + ".data";
    });
  }

  private String ehrObject(Var e) {
    return "jsonb_build_object('_type', 'EHR', 'system_id', jsonb_build_object('_type', 'HIER_OBJECT_ID', 'value', " + main.bind(systemId)
        + "::text), 'ehr_id', jsonb_build_object('_type', 'HIER_OBJECT_ID', 'value', " + e.alias + ".ehr_id::text), 'time_created', "
        + "jsonb_build_object('_type', 'DV_DATE_TIME', 'value', " + isoUtc(e.alias + ".created_at") + "), 'ehr_status', jsonb_build_object('_type', 'OBJECT_REF', "
        + "'id', jsonb_build_object('_type', 'OBJECT_VERSION_ID', 'value', " + versionUid(e.alias + ".status_uid", e.alias + ".status_version")
        + "), 'namespace', 'local', 'type', 'EHR_STATUS'))";
  }

  /** The ORIGINAL_VERSION of a composition or EHR_STATUS version as canonical JSON, without its data. */
  private String versionObject(Var v) {
    StringBuilder terms = new StringBuilder("case " + v.alias + ".change_type");
    for (ChangeType t : ChangeType.values()) {
      terms.append(" when ").append(t.code()).append(" then '").append(t.term()).append("'");
    }
    terms.append(" end");
    String uid = versionUid(v.versionedUid, v.alias + ".version");
    String preceding = "case when " + v.alias + ".version > 1 then jsonb_build_object('_type', 'OBJECT_VERSION_ID', 'value', "
        + versionUid(v.versionedUid, "(" + v.alias + ".version - 1)") + ") end";
    return "jsonb_build_object('_type', 'ORIGINAL_VERSION', 'uid', jsonb_build_object('_type', 'OBJECT_VERSION_ID', 'value', " + uid + "), "
        + "'preceding_version_uid', " + preceding + ", "
        + "'commit_audit', jsonb_build_object('_type', 'AUDIT_DETAILS', 'system_id', " + main.bind(systemId) + "::text, "
        + "'time_committed', jsonb_build_object('_type', 'DV_DATE_TIME', 'value', " + isoUtc(v.contribution + ".committed_at") + "), "
        + "'change_type', jsonb_build_object('_type', 'DV_CODED_TEXT', 'value', " + terms + ", 'defining_code', jsonb_build_object('_type', 'CODE_PHRASE', "
        + "'terminology_id', jsonb_build_object('_type', 'TERMINOLOGY_ID', 'value', 'openehr'), 'code_string', " + v.alias + ".change_type::text, 'preferred_term', " + terms + ")), "
        + "'description', case when " + v.contribution + ".description is not null then jsonb_build_object('_type', 'DV_TEXT', 'value', "
        + v.contribution + ".description) end, 'committer', (select p.data from committer p where p.id = " + v.contribution + ".committer_id)), "
        + "'contribution', jsonb_build_object('_type', 'OBJECT_REF', 'id', jsonb_build_object('_type', 'HIER_OBJECT_ID', 'value', " + v.contribution
        + ".uid::text), 'namespace', 'local', 'type', 'CONTRIBUTION'), "
        + "'lifecycle_state', jsonb_build_object('_type', 'DV_CODED_TEXT', 'value', case when " + v.deleted + " then 'deleted' else 'complete' end, "
        + "'defining_code', jsonb_build_object('_type', 'CODE_PHRASE', 'terminology_id', jsonb_build_object('_type', 'TERMINOLOGY_ID', 'value', 'openehr'), "
        + "'code_string', case when " + v.deleted + " then '523' else '532' end)))";
  }

  private static String render(AndOperatorPredicate p) {
    StringBuilder sb = new StringBuilder();
    for (ComparisonOperatorPredicate c : p.getOperands()) {
      sb.append(c.getPath().render()).append(c.getOperator()).append(c.getValue() == null ? c.getMatchesOperand().getEscapedRegex() : String.valueOf(renderOperand(c)));
    }
    return sb.toString();
  }

  private static Object renderOperand(ComparisonOperatorPredicate c) {
    StringBuilder sb = new StringBuilder();
    c.getValue().render(sb);
    return sb;
  }
}
