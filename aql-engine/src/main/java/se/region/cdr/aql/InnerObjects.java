package se.region.cdr.aql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;
import org.ehrbase.openehr.sdk.aql.dto.containment.ContainmentClassExpression;
import org.ehrbase.openehr.sdk.aql.dto.path.AndOperatorPredicate;
import se.region.cdr.core.CdrException;

/**
 * FROM classes found inside stored JSON rather than as content node rows (EVENT, ELEMENT,
 * ITEM_TREE, at-coded CLUSTER, FEEDER_AUDIT...; see {@link Rm#INNER_PATHS}): one row per object
 * matching the type's jsonpath in the parent's subtree, {@code alias.v} its compact JSON and
 * {@code node} the content node row it was found in.
 *
 * <ul>
 *   <li>A type that can also be an archetype root (a bare {@code CLUSTER}, {@code ELEMENT},
 *       {@code ITEM_TREE}...) stands for both: the objects of that type inside node JSON and the
 *       archetyped nodes of that RM type, the latter as their node JSON with {@code _type},
 *       {@code archetype_node_id} and {@code archetype_details} put back (what the row's columns
 *       and the storage's defaults hold), so paths and decoding treat both alike.
 *   <li>Inside another inner object ({@code EVENT v CONTAINS CLUSTER c}) such a type is looked for
 *       in that object and in the archetyped nodes whose placeholders it holds, at any depth.
 *   <li>At-codes are local to an archetype: {@code OBSERVATION o[...] CONTAINS ELEMENT e[at0004]}
 *       is one of o's own elements, not an at0004 of a CLUSTER archetype inside o (as the
 *       conformance suite expects).
 *   <li>Inside an EHR_STATUS (stored as canonical JSON) the objects are found by {@code _type};
 *       such a variable is canonical JSON ({@link Var#canonical}).
 *   <li>Directly inside an EHR ({@code EHR e CONTAINS ELEMENT l}) the objects are those of its
 *       compositions and of its EHR_STATUS, one row source ({@link Var#inStatus}).
 * </ul>
 */
final class InnerObjects {
  private static final String PLACEHOLDERS = "strict $.** ? (@.type() == \"object\" && exists(@.\"@n\")).\"@n\"";

  private final PathCompiler paths;

  InnerObjects(PathCompiler paths) {
    this.paths = requireNonNull(paths, "paths is null");
  }

  Var declare(Sql sql, ContainmentClassExpression expr, Var parent, String joinPrefix, boolean allVersions) {
    String type = expr.getType();
    String x = sql.alias("x");
    Var v = new Var(expr.getIdentifier(), Var.Kind.INNER, type, x);
    v.allVersions = allVersions;
    if (parent != null && (parent.kind == Var.Kind.STATUS || parent.canonical)) {
      return inCanonical(sql, expr, v, parent, joinPrefix);
    }
    String jsonpath = sql.bind(Rm.INNER_PATHS.get(type)) + "::jsonpath";
    String filter = expr.hasPredicates()
        ? " where " + paths.predicate(new PathCompiler.Pos("y", v, null, true, false, Rm.attributeFor(type), null), expr.getPredicates(), sql)
        : "";
    boolean atCoded = namesNodeId(expr.getPredicates());
    boolean roots = Rm.ARCHETYPE_ROOT_INNER.contains(type) && !atCoded;
    boolean inParentObject = parent != null && parent.kind == Var.Kind.INNER && !roots;
    if (inParentObject || (parent != null && parent.kind == Var.Kind.NODE && atCoded)) {
      String json = parent.kind == Var.Kind.INNER ? parent.alias + ".v" : parent.node + ".data";
      v.node = parent.node;
      v.ehr = parent.ehr;
      sql.join(joinPrefix + "join lateral (select " + Rm.innerObject(type, "y") + " as v from " + Rm.innerRows(type, json, jsonpath) + " y" + filter
          + ") " + x + " on true");
      return v;
    }
    String k = sql.alias("k");
    if (parent != null && parent.kind == Var.Kind.EHR) {
      return inEhr(sql, expr, v, parent, joinPrefix, k, objects(sql, v, k, k + ".data", "true", roots, filter, jsonpath));
    }
    v.node = k;
    v.ehr = k + ".ehr";
    String version = allVersions && parent != null && parent.versionColumn() != null ? " and " + k + ".version = " + parent.versionColumn() : "";
    String json = k + ".data";
    if (parent == null) {
      sql.from.append("from ").append(v.nodeSource()).append(' ').append(k);
    } else if (parent.kind == Var.Kind.NODE || parent.kind == Var.Kind.COMPOSITION || parent.kind == Var.Kind.INNER) {
      String p = parent.node;
      String on = k + ".composition = " + p + ".composition and " + k + ".num >= " + p + ".num and " + k + ".num <= " + p + ".num_cap" + version;
      if (parent.kind == Var.Kind.INNER) { // the parent object's own node, or one whose placeholder is in the object
        on += " and (" + k + ".num = " + p + ".num or (" + insideInner(sql, v, parent, version) + "))";
        json = "case when " + k + ".num = " + p + ".num then " + parent.alias + ".v else " + k + ".data end";
      }
      sql.join(joinPrefix + "join " + v.nodeSource() + " " + k + " on " + on);
    } else {
      throw CdrException.badRequest(type + " cannot be inside " + parent.rmType);
    }
    String self = parent == null ? "true" : k + ".num > " + parent.node + ".num"; // when node k itself is a row (an archetyped node of the type)
    sql.join(joinPrefix + "join lateral " + objects(sql, v, k, json, self, roots, filter, jsonpath) + " " + x + " on true");
    return v;
  }

  /**
   * The objects of {@code v}'s type in content node {@code k} (in {@code json}, its JSON or a part)
   * as a subquery with column {@code v}; {@code self} is true when node k itself can be one of
   * them (see {@link #archetyped}).
   */
  private static String objects(Sql sql, Var v, String k, String json, String self, boolean roots, String filter, String jsonpath) {
    String objects = Rm.innerRows(v.rmType, json, jsonpath) + " y";
    if (roots) {
      objects = "(select y from " + objects + " union all " + archetyped(sql, k, v.rmType, self) + ") u(y)";
    }
    return "(select " + Rm.innerObject(v.rmType, "y") + " as v from " + objects + filter + ")";
  }

  /**
   * Objects of an inner type in an EHR ({@code EHR e CONTAINS ELEMENT l}): those of its
   * compositions and those of its EHR_STATUS, one row source ({@code x}: the content node's
   * columns and {@code v}, compact JSON, or {@code c}, the status object's canonical JSON). Paths
   * are compiled for both ({@link Var#inStatus}, reading {@code c}); an object found in the
   * EHR_STATUS contains nothing further here (CONTAINS below it looks in compositions).
   */
  private Var inEhr(Sql sql, ContainmentClassExpression expr, Var v, Var parent, String joinPrefix, String k, String objects) {
    String x = v.alias;
    String s = sql.alias("s");
    String version = v.allVersions ? ", " + k + ".version" : "";
    Var status = new Var(v.name == null ? null : v.name + "#status", Var.Kind.INNER, v.rmType, sql.alias("xs"));
    status.canonical = true;
    status.ehr = x + ".ehr";
    String jsonpath = canonicalPath(sql, v.rmType);
    String filter = expr.hasPredicates()
        ? " and " + paths.predicate(new PathCompiler.Pos("y", status, null, false, false, null, null), expr.getPredicates(), sql)
        : "";
    sql.join(joinPrefix + "join lateral (select " + k + ".composition, " + k + ".num, " + k + ".num_cap, " + k + ".ehr, " + k + ".archetype, " + k
        + ".data" + version + ", o.v, null::jsonb as c from " + v.nodeSource() + " " + k + " cross join lateral "
        + objects + " o where " + k + ".ehr = " + parent.alias + ".id"
        + "\n  union all select null, null, null, " + s + ".ehr, null, null" + (v.allVersions ? ", null" : "") + ", null, y from ehr_status_version "
        + s + " cross join lateral jsonb_path_query(" + s + ".data, " + jsonpath + ") y where " + s + ".ehr = " + parent.alias + ".id and " + s
        + ".version = " + parent.alias + ".status_version" + filter + ") " + x + " on true");
    sql.join(joinPrefix + "join lateral (select " + x + ".c as v) " + status.alias + " on true");
    v.node = x;
    v.ehr = x + ".ehr";
    v.inStatus = status;
    return v;
  }

  /**
   * Node {@code k} as an object of {@code type} when it is an archetyped node of that RM type: its
   * JSON with what the row keeps elsewhere (RM type, archetype id) or leaves out as the default
   * (archetype details of its own archetype, RM 1.0.4; 0 marks none).
   */
  private static String archetyped(Sql sql, String k, String type, String self) {
    return "select (" + k + ".data - 'AD') || jsonb_build_object('T', a.rm_type, 'A', a.archetype_id) || case when " + k
        + ".data -> 'AD' = '0'::jsonb then '{}'::jsonb else jsonb_build_object('AD', coalesce(" + k
        + ".data -> 'AD', jsonb_build_object('AI', jsonb_build_object('V', a.archetype_id), 'RV', '1.0.4'))) end from archetype a where a.id = "
        + k + ".archetype and a.rm_type = any(" + sql.bind(Rm.concreteTypes(type).toArray(String[]::new)) + ") and " + self;
  }

  /** Objects in canonical JSON (of an EHR_STATUS, or an object found in it), by their {@code _type}. */
  private Var inCanonical(Sql sql, ContainmentClassExpression expr, Var v, Var parent, String joinPrefix) {
    String jsonpath = canonicalPath(sql, expr.getType());
    v.canonical = true;
    v.ehr = parent.ehr;
    String filter = expr.hasPredicates()
        ? " where " + paths.predicate(new PathCompiler.Pos("y", v, null, false, false, null, null), expr.getPredicates(), sql)
        : "";
    sql.join(joinPrefix + "join lateral (select y as v from jsonb_path_query(" + parent.alias + (parent.canonical ? ".v, " : ".data, ") + jsonpath + ") y" + filter + ") "
        + v.alias + " on true");
    return v;
  }

  /** A bound jsonpath for the objects of a type (and its subtypes) in canonical JSON, below the root. */
  private static String canonicalPath(Sql sql, String type) {
    String types = Rm.concreteTypes(type).stream().sorted().map(t -> "@._type == \"" + t + "\"").collect(Collectors.joining(" || "));
    return sql.bind("strict $.**{1 to last} ? (@.type() == \"object\" && (" + types + "))") + "::jsonpath";
  }

  private static boolean namesNodeId(List<AndOperatorPredicate> predicates) {
    return predicates != null && predicates.stream().flatMap(and -> and.getOperands().stream()).anyMatch(PathCompiler::isNodeId);
  }

  /**
   * SQL that puts content node {@code v} inside inner object {@code inner} (a CLUSTER inside an
   * EVENT): in the inner object's node range, and at or below a node whose placeholder is in it.
   */
  static String insideInner(Sql sql, Var v, Var inner, String version) {
    String n = v.node;
    String p = sql.alias("p");
    String q = sql.alias("q");
    String placeholders = sql.bind(PLACEHOLDERS) + "::jsonpath";
    return n + ".composition = " + inner.node + ".composition and " + n + ".num > " + inner.node + ".num and " + n + ".num <= " + inner.node
        + ".num_cap" + version + " and exists (select 1 from jsonb_path_query(" + inner.alias + ".v, " + placeholders + ") " + p + "(v) join "
        + v.nodeSource() + " " + q + " on " + q + ".composition = " + n + ".composition and " + q + ".num = (" + p + ".v #>> '{}')::smallint"
        + (v.allVersions ? " and " + q + ".version = " + n + ".version" : "") + " where " + n + ".num between " + q + ".num and " + q + ".num_cap)";
  }
}
