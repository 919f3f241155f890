package se.region.cdr.aql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ehrbase.openehr.sdk.aql.dto.containment.AbstractContainmentExpression;
import org.ehrbase.openehr.sdk.aql.dto.containment.Containment;
import org.ehrbase.openehr.sdk.aql.dto.containment.ContainmentClassExpression;
import org.ehrbase.openehr.sdk.aql.dto.containment.ContainmentNotOperator;
import org.ehrbase.openehr.sdk.aql.dto.containment.ContainmentSetOperator;
import org.ehrbase.openehr.sdk.aql.dto.containment.ContainmentSetOperatorSymbol;
import org.ehrbase.openehr.sdk.aql.dto.containment.ContainmentVersionExpression;
import org.ehrbase.openehr.sdk.aql.dto.containment.ContainmentVersionExpression.VersionPredicateType;
import org.ehrbase.openehr.sdk.aql.dto.path.AndOperatorPredicate;
import org.ehrbase.openehr.sdk.aql.dto.path.ComparisonOperatorPredicate;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.store.ContentNodes;

/**
 * Compiles the FROM clause: one row source per variable, joined by containment. Content nodes are
 * numbered in pre-order, so "b is inside a" is {@code a.num < b.num <= a.num_cap} in the same
 * composition; the archetype of a node is an indexed small int.
 */
final class FromCompiler {
  /** The statement joins go to: the main one, or for a moment an OR alternative's group (see {@link #group}). */
  private Sql sql;
  private final PathCompiler paths;
  private final InnerObjects inner;
  private final Operands operands;
  private final Map<String, Var> vars = new LinkedHashMap<>();
  private boolean ehrIdGiven;
  private boolean allVersions;

  FromCompiler(Sql sql, PathCompiler paths, Operands operands) {
    this.sql = sql;
    this.paths = paths;
    this.inner = new InnerObjects(paths);
    this.operands = operands;
  }

  Map<String, Var> vars() {
    return vars;
  }

  /** Whether the EHR predicate names EHRs by id (one patient's record, not the population). */
  boolean ehrIdGiven() {
    return ehrIdGiven;
  }

  void compile(Containment from) {
    allVersions = usesAllVersions(from);
    if (!(from instanceof AbstractContainmentExpression top)) {
      throw CdrException.badRequest("FROM must start with one class expression (e.g. EHR e)");
    }
    Var first = declare(top, null, "");
    contains(top.getContains(), first);
    Var ehr = vars.values().stream().filter(v -> v.kind == Var.Kind.EHR).findFirst().orElse(null);
    if (ehr == null) {
      String e = sql.alias("e");
      sql.join("join ehr " + e + " on " + e + ".id = " + first.ehr);
      ehr = new Var(null, Var.Kind.EHR, "EHR", e);
    }
    if (!ehrIdGiven) {
      sql.where.add(ehr.alias + ".is_queryable"); // EHR_STATUS.is_queryable = false keeps an EHR out of population queries
    }
  }

  private static boolean usesAllVersions(Containment c) {
    if (c instanceof ContainmentVersionExpression v) {
      return v.getVersionPredicateType() != VersionPredicateType.LATEST_VERSION || usesAllVersions(v.getContains());
    }
    if (c instanceof AbstractContainmentExpression a) {
      return usesAllVersions(a.getContains());
    }
    if (c instanceof ContainmentSetOperator s) {
      return s.getValues().stream().anyMatch(FromCompiler::usesAllVersions);
    }
    if (c instanceof ContainmentNotOperator n) {
      return usesAllVersions(n.getContainmentExpression());
    }
    return false;
  }

  private void contains(Containment c, Var container) {
    if (c == null) {
      return;
    }
    // a VERSION holds a COMPOSITION: what else it contains is inside that composition
    Var parent = container != null && container.kind == Var.Kind.VERSION && container.composition != null && !isClass(c, "COMPOSITION")
        ? composition(null, null, container, "")
        : container;
    if (c instanceof AbstractContainmentExpression child && passesThrough(child, parent)) {
      // EHR e CONTAINS COMPOSITION c CONTAINS OBSERVATION o: the node is in the EHR, c joins only if named
      ContainmentClassExpression node = (ContainmentClassExpression) child.getContains();
      Var composition = new Var(child.getIdentifier(), Var.Kind.COMPOSITION, "COMPOSITION", sql.alias("c"));
      composition.node = sql.alias("cn");
      composition.ehr = composition.alias + ".ehr";
      if (composition.name != null) {
        if (vars.containsKey(composition.name)) {
          throw CdrException.badRequest("Variable " + composition.name + " is declared twice in FROM");
        }
        vars.put(composition.name, composition);
      }
      Var v = declare(node, parent, "");
      composition.pendingOn = v;
      // the root node left-joined on its unique key, so PostgreSQL leaves it out when the query reads
      // only composition columns (it always exists); the composition row stays inner, so a ward list
      // can walk the start time index
      composition.pendingJoin = "join composition " + composition.alias + " on " + composition.alias + ".id = " + v.node + ".composition"
          + "\nleft join comp_node " + composition.node + " on " + composition.node + ".composition = " + v.node + ".composition and "
          + composition.node + ".num = 0";
      contains(node.getContains(), v);
    } else if (c instanceof AbstractContainmentExpression child) {
      Var v = declare(child, parent, "");
      contains(child.getContains(), v);
    } else if (c instanceof ContainmentSetOperator set && set.getSymbol() == ContainmentSetOperatorSymbol.AND) {
      set.getValues().forEach(value -> contains(value, parent));
    } else if (c instanceof ContainmentSetOperator set) {
      List<String> any = new ArrayList<>();
      for (Containment value : set.getValues()) {
        if (value instanceof ContainmentClassExpression alt && alt.getContains() == null) {
          Var v = declare(alt, parent, "left ");
          any.add(v.node + ".num is not null");
        } else {
          any.add(group(value, parent));
        }
      }
      sql.where.add("(" + String.join(" or ", any) + ")");
    } else if (c instanceof ContainmentNotOperator not) {
      if (!(not.getContainmentExpression() instanceof ContainmentClassExpression excluded) || excluded.getContains() != null) {
        throw CdrException.badRequest("NOT CONTAINS is supported for one class expression without its own CONTAINS");
      }
      Sql sub = sql.nested();
      String n = sub.alias("n");
      Var v = nodeVar(excluded, n);
      List<String> conditions = new ArrayList<>(List.of(link(v, parent)));
      conditions.addAll(nodeConditions(v, excluded));
      sql.where.add("not exists (select 1 from " + v.nodeSource() + " " + n + " where " + String.join(" and ", conditions) + ")");
    } else {
      throw CdrException.badRequest("Unsupported FROM expression " + c);
    }
  }

  /**
   * True for a COMPOSITION without predicates between an EHR and one content node class (head
   * versions): every content node is in a composition of its EHR, so the node joins the EHR
   * directly, and the composition's rows are joined only when SELECT, WHERE or ORDER BY name it.
   */
  private boolean passesThrough(AbstractContainmentExpression child, Var parent) {
    return parent != null && parent.kind == Var.Kind.EHR && !allVersions && child instanceof ContainmentClassExpression composition
        && composition.getType().equals("COMPOSITION") && !composition.hasPredicates()
        && composition.getContains() instanceof ContainmentClassExpression node && Rm.NODE_TYPES.contains(node.getType())
        && !isInner(node.getType(), node.getPredicates());
  }

  /**
   * An OR alternative with CONTAINS of its own ({@code (COMPOSITION c CONTAINS ACTION a) OR ...}), or
   * an AND of such chains: one left-joined group of the chains' rows, each chain's head inside
   * {@code parent}. As for plain alternatives, each row pairs a match of every alternative (or nulls
   * where one has none). Returns the SQL that is true when the group matched.
   */
  private String group(Containment alternative, Var parent) {
    List<Containment> chains = alternative instanceof ContainmentSetOperator and && and.getSymbol() == ContainmentSetOperatorSymbol.AND
        ? and.getValues()
        : List.of(alternative);
    List<String> tables = new ArrayList<>();
    List<String> on = new ArrayList<>();
    String matched = null;
    Sql main = sql;
    try {
      for (Containment chain : chains) {
        if (!(chain instanceof ContainmentClassExpression head)) {
          throw CdrException.badRequest("OR in CONTAINS: each alternative must be a class expression, its CONTAINS, or an AND of them");
        }
        sql = main.nested();
        Var v = declare(head, null, ""); // the chain's rows on their own: "from <head> join ..."
        if (v.kind != Var.Kind.NODE && !(v.kind == Var.Kind.COMPOSITION && parent.kind == Var.Kind.EHR)) {
          throw CdrException.badRequest("OR in CONTAINS: an alternative with CONTAINS must start with an archetyped class or a COMPOSITION in an EHR");
        }
        contains(head.getContains(), v);
        tables.add(sql.from.substring("from ".length()));
        on.add(v.kind == Var.Kind.COMPOSITION ? v.alias + ".ehr = " + parent.alias + ".id" : link(v, parent));
        on.addAll(sql.where);
        matched = matched != null ? matched : v.node + ".num is not null";
      }
    } finally {
      sql = main;
    }
    sql.join("left join (" + String.join("\ncross join ", tables) + ") on " + String.join(" and ", on));
    return matched;
  }

  private Var declare(AbstractContainmentExpression expr, Var parent, String joinPrefix) {
    String type = expr instanceof ContainmentVersionExpression ? "VERSION" : ((ContainmentClassExpression) expr).getType();
    String name = expr.getIdentifier();
    if (name != null && vars.containsKey(name)) {
      throw CdrException.badRequest("Variable " + name + " is declared twice in FROM");
    }
    Var v = switch (type) {
      case "EHR" -> ehr(expr, parent);
      case "VERSION", "VERSIONED_OBJECT" -> version((ContainmentVersionExpression) expr, parent);
      case "COMPOSITION" -> composition(name, expr.getPredicates(), parent, joinPrefix);
      case "EHR_STATUS" -> status(expr, parent);
      case "FOLDER" -> folder((ContainmentClassExpression) expr, parent, joinPrefix);
      default -> {
        if (isInner(type, expr.getPredicates())) {
          yield inner.declare(sql, (ContainmentClassExpression) expr, parent, joinPrefix, allVersions);
        }
        if (!Rm.NODE_TYPES.contains(type)) {
          throw CdrException.badRequest("Unknown or unsupported RM type in FROM: " + type);
        }
        Var node = nodeVar((ContainmentClassExpression) expr, sql.alias("n"));
        List<String> on = new ArrayList<>();
        if (parent != null) {
          on.add(link(node, parent));
        }
        on.addAll(nodeConditions(node, (ContainmentClassExpression) expr));
        if (parent == null) {
          sql.from.append("from ").append(node.nodeSource()).append(' ').append(node.alias);
          sql.where.addAll(on);
        } else {
          String clause = joinPrefix + "join " + node.nodeSource() + " " + node.alias + " on " + String.join(" and ", on);
          sql.join(clause);
          if (joinPrefix.isEmpty() && parent.kind == Var.Kind.EHR && !allVersions && expr.getContains() == null) {
            node.ehrJoin = clause;
            node.ehrAlias = parent.alias;
          }
        }
        yield node;
      }
    };
    if (name != null) {
      vars.put(name, v);
    }
    return v;
  }

  /** Types found inside node JSON (see {@link InnerObjects}), unless an archetype id is asked for. */
  private boolean isInner(String type, List<AndOperatorPredicate> predicates) {
    return Rm.INNER_PATHS.containsKey(type) && !paths.asksArchetypeId(predicates);
  }

  private Var status(AbstractContainmentExpression expr, Var parent) {
    boolean versioned = parent != null && parent.kind == Var.Kind.VERSION;
    if (versioned && parent.composition != null) {
      throw CdrException.badRequest("EHR_STATUS cannot be inside the VERSION of a composition");
    }
    String s = versioned ? parent.alias : sql.alias("s"); // under VERSION, the version row is the status
    Var v = new Var(expr.getIdentifier(), Var.Kind.STATUS, "EHR_STATUS", s);
    v.ehr = s + ".ehr";
    if (versioned) {
      // joined by the VERSION
    } else if (parent == null) {
      sql.from.append("from ehr_status_version ").append(s);
      sql.where.add(s + ".version = (select status_version from ehr where id = " + s + ".ehr)");
    } else if (parent.kind == Var.Kind.EHR) {
      sql.join("join ehr_status_version " + s + " on " + s + ".ehr = " + parent.alias + ".id and " + s + ".version = " + parent.alias + ".status_version");
    } else {
      throw CdrException.badRequest("EHR_STATUS can only be inside an EHR or a VERSION");
    }
    if (expr.hasPredicates()) {
      sql.where.add(paths.predicate(new PathCompiler.Pos(s + ".data", v, null, false, false, null, null), expr.getPredicates(), sql));
    }
    return v;
  }

  private Var nodeVar(ContainmentClassExpression expr, String alias) {
    Var v = new Var(expr.getIdentifier(), Var.Kind.NODE, expr.getType(), alias);
    v.node = alias;
    v.ehr = alias + ".ehr";
    v.allVersions = allVersions;
    v.archetypeId = namedArchetype(expr.getPredicates());
    v.archetypeOnly = v.archetypeId != null && expr.getPredicates().get(0).getOperands().size() == 1;
    return v;
  }

  /** The one archetype id a node variable's predicate asks for ({@code o[openEHR-EHR-...]}), or null. */
  private String namedArchetype(List<AndOperatorPredicate> predicates) {
    if (predicates == null || predicates.size() != 1) {
      return null;
    }
    for (ComparisonOperatorPredicate p : predicates.get(0).getOperands()) {
      if (PathCompiler.isNodeId(p) && p.getOperator() == ComparisonOperatorPredicate.PredicateComparisonOperator.EQ && p.getValue() != null
          && operands.constant(p.getValue()) instanceof String id && ContentNodes.isArchetypeId(id)) {
        return id;
      }
    }
    return null;
  }

  /** The archetype (or RM type) and other predicates of a content node variable. */
  private List<String> nodeConditions(Var v, ContainmentClassExpression expr) {
    List<String> conditions = new ArrayList<>();
    if (!namesArchetype(expr.getPredicates())) {
      conditions.add(v.node + ".archetype in (select id from archetype where rm_type = any(" + sql.bind(Rm.concreteTypes(v.rmType).toArray(String[]::new)) + "))");
    }
    if (expr.hasPredicates()) {
      conditions.add(paths.predicate(paths.nodeRoot(v, v.node), expr.getPredicates(), sql));
    }
    return conditions;
  }

  private static boolean namesArchetype(List<AndOperatorPredicate> predicates) {
    if (predicates == null || predicates.size() != 1) {
      return false;
    }
    return predicates.get(0).getOperands().stream().anyMatch(PathCompiler::isNodeId);
  }

  /** SQL that puts content node {@code v} inside {@code parent}. */
  private String link(Var v, Var parent) {
    String n = v.node;
    String version = v.allVersions && parent.versionColumn() != null ? " and " + n + ".version = " + parent.versionColumn() : "";
    return switch (parent.kind) {
      case EHR -> n + ".ehr = " + parent.alias + ".id";
      case VERSION, STATUS -> throw CdrException.badRequest(v.rmType + " cannot be inside " + parent.rmType + " in this engine");
      case INNER -> InnerObjects.insideInner(sql, v, parent, version);
      case FOLDER -> n + ".ehr = " + parent.ehr + " and " + n + ".composition = any(array(select fc.id from composition fc where fc.ehr = "
          + parent.ehr + " and fc.uid = any(" + filed(parent) + ")))";
      default -> n + ".composition = " + parent.node + ".composition and " + n + ".num > " + parent.node + ".num and " + n + ".num <= "
          + parent.node + ".num_cap" + version;
    };
  }

  private Var ehr(AbstractContainmentExpression expr, Var parent) {
    if (parent != null) {
      throw CdrException.badRequest("EHR must be the outermost class in FROM");
    }
    String e = sql.alias("e");
    Var v = new Var(expr.getIdentifier(), Var.Kind.EHR, "EHR", e);
    v.ehr = e + ".id";
    if (!expr.hasPredicates()) {
      sql.from.append("from ehr ").append(e);
      return v;
    }
    String predicate = ehrPredicate(v, expr.getPredicates());
    if (namesOnlyEhrIds(expr.getPredicates())) {
      // planned on its own (OFFSET 0), the lookup takes the ehr_id index: inside the whole statement,
      // whose estimates are large, PostgreSQL may find a scan of every EHR no dearer
      sql.from.append("from (select * from ehr ").append(e).append(" where ").append(predicate).append(" offset 0) ").append(e);
    } else {
      sql.from.append("from ehr ").append(e);
      sql.where.add(predicate);
    }
    return v;
  }

  private static boolean namesOnlyEhrIds(List<AndOperatorPredicate> predicates) {
    return predicates.stream().flatMap(and -> and.getOperands().stream())
        .allMatch(p -> p.getPath().render().equals("ehr_id/value") && p.getOperator() == ComparisonOperatorPredicate.PredicateComparisonOperator.EQ);
  }

  private String ehrPredicate(Var e, List<AndOperatorPredicate> predicates) {
    List<String> or = new ArrayList<>();
    for (AndOperatorPredicate and : predicates) {
      List<String> all = new ArrayList<>();
      for (ComparisonOperatorPredicate p : and.getOperands()) {
        String path = p.getPath().render();
        Object value = p.getValue() == null ? null : operands.constant(p.getValue());
        if (path.equals("ehr_id/value") && p.getOperator() == ComparisonOperatorPredicate.PredicateComparisonOperator.EQ && value instanceof String s) {
          ehrIdGiven = true;
          all.add(isUuid(s) ? e.alias + ".ehr_id = " + sql.bind(s) + "::uuid" : "false");
        } else {
          Value left = paths.compile(e, p.getPath(), sql);
          all.add(p.getOperator() == ComparisonOperatorPredicate.PredicateComparisonOperator.MATCHES
              ? "aql_text(" + left.sql() + ") ~ " + sql.bind(p.getMatchesOperand().getEscapedRegex())
              : Comparisons.compare(left.sql(), p.getOperator().getSymbol(), value, sql));
        }
      }
      or.add("(" + String.join(" and ", all) + ")");
    }
    return "(" + String.join(" or ", or) + ")";
  }

  static boolean isUuid(String s) {
    try {
      return UUID.fromString(s).toString().equalsIgnoreCase(s);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * A VERSION: of a composition ({@code composition_version} with its composition row), or of the
   * EHR_STATUS when it contains one ({@code ehr_status_version}); with its contribution either way.
   */
  private Var version(ContainmentVersionExpression expr, Var parent) {
    if (expr.getVersionPredicateType() == VersionPredicateType.STANDARD_PREDICATE) {
      throw CdrException.badRequest("VERSION predicates other than LATEST_VERSION and ALL_VERSIONS are not supported yet");
    }
    if (expr.getContains() == null) {
      throw CdrException.badRequest("VERSION must contain a COMPOSITION, a content item or an EHR_STATUS");
    }
    boolean latest = expr.getVersionPredicateType() == VersionPredicateType.LATEST_VERSION;
    boolean status = isClass(expr.getContains(), "EHR_STATUS");
    String v = sql.alias("v");
    String owner = sql.alias(status ? "e" : "c");
    String ct = sql.alias("ct");
    Var var = new Var(expr.getIdentifier(), Var.Kind.VERSION, "VERSION", v);
    var.contribution = ct;
    var.allVersions = allVersions;
    String tables;
    String ehrColumn;
    if (status) {
      String e = owner;
      var.versionedUid = e + ".status_uid";
      var.deleted = "false";
      ehrColumn = v + ".ehr";
      tables = "ehr_status_version " + v + " join ehr " + e + " on " + e + ".id = " + v + ".ehr join contribution " + ct + " on " + ct + ".id = "
          + v + ".contribution";
      if (latest) {
        sql.where.add(v + ".version = " + e + ".status_version");
      }
    } else {
      String c = owner;
      var.composition = c;
      var.versionedUid = c + ".uid";
      var.deleted = v + ".deleted";
      ehrColumn = c + ".ehr";
      tables = "composition_version " + v + " join composition " + c + " on " + c + ".id = " + v + ".composition join contribution " + ct
          + " on " + ct + ".id = " + v + ".contribution";
      if (latest) {
        sql.where.add(v + ".version = " + c + ".version");
      }
    }
    var.ehr = ehrColumn;
    if (parent == null) {
      sql.from.append("from ").append(tables);
    } else if (parent.kind == Var.Kind.EHR) {
      sql.join("join (" + tables + ") on " + ehrColumn + " = " + parent.alias + ".id");
    } else if (parent.kind == Var.Kind.FOLDER && var.composition != null) {
      sql.join("join (" + tables + ") on " + ehrColumn + " = " + parent.ehr + " and " + var.composition + ".uid = any(" + filed(parent) + ")");
    } else {
      throw CdrException.badRequest("VERSION can only be inside an EHR or a FOLDER");
    }
    return var;
  }

  private static boolean isClass(Containment c, String type) {
    return c instanceof ContainmentClassExpression k && type.equals(k.getType());
  }

  /**
   * A FOLDER of an EHR's directory (its current version): every folder of the tree, root and
   * sub-folders at any depth, one row each from {@code aql_folders} (numbered depth-first, so "b
   * inside a" is {@code a.num < b.num <= a.num_cap} within the same directory version). Predicates
   * (archetype id, name) are compared on the folder's canonical JSON.
   */
  private Var folder(ContainmentClassExpression expr, Var parent, String joinPrefix) {
    String f = sql.alias("f");
    Var v = new Var(expr.getIdentifier(), Var.Kind.FOLDER, "FOLDER", f);
    if (parent != null && parent.kind == Var.Kind.FOLDER) {
      v.directory = parent.directory;
      v.ehr = parent.ehr;
      sql.join(joinPrefix + "join lateral aql_folders(" + parent.directory + ".data) " + f + " on " + f + ".num > " + parent.alias + ".num and "
          + f + ".num <= " + parent.alias + ".num_cap");
    } else {
      String d = sql.alias("d");
      String dv = sql.alias("dv");
      v.directory = dv;
      v.ehr = dv + ".ehr";
      String tables = "directory " + d + " join directory_version " + dv + " on " + dv + ".ehr = " + d + ".ehr and " + dv + ".version = " + d + ".version";
      if (parent == null) {
        sql.from.append("from ").append(tables);
      } else if (parent.kind == Var.Kind.EHR) {
        sql.join(joinPrefix + "join (" + tables + ") on " + d + ".ehr = " + parent.alias + ".id");
      } else {
        throw CdrException.badRequest("A FOLDER can only be inside an EHR or a FOLDER");
      }
      sql.join(joinPrefix + "join lateral aql_folders(" + dv + ".data) " + f + " on true");
    }
    if (expr.hasPredicates()) {
      sql.where.add(paths.predicate(PathCompiler.folderRoot(v), expr.getPredicates(), sql));
    }
    return v;
  }

  /**
   * The versioned object ids of the compositions filed in a folder: its items and those of all its
   * sub-folders (the conformance suite's "FOLDER f CONTAINS COMPOSITION c" counts a sub-folder's
   * compositions for every folder above it).
   */
  private static String filed(Var folder) {
    return "aql_folder_items(" + folder.alias + ".data)";
  }

  /** A COMPOSITION (name and predicates may be null: the composition a VERSION holds, named or not). */
  private Var composition(String name, List<AndOperatorPredicate> predicates, Var parent, String joinPrefix) {
    String cn = sql.alias("cn");
    Var v;
    if (parent != null && parent.kind == Var.Kind.VERSION) {
      if (parent.composition == null) {
        throw CdrException.badRequest("A COMPOSITION cannot be inside the VERSION of an EHR_STATUS");
      }
      v = new Var(name, Var.Kind.COMPOSITION, "COMPOSITION", parent.composition);
      v.allVersions = allVersions;
      v.node = cn;
      sql.join("join " + v.nodeSource() + " " + cn + " on " + cn + ".composition = " + parent.alias + ".composition and " + cn + ".num = 0"
          + (allVersions ? " and " + cn + ".version = " + parent.alias + ".version" : ""));
    } else {
      String c = sql.alias("c");
      v = new Var(name, Var.Kind.COMPOSITION, "COMPOSITION", c);
      v.allVersions = allVersions;
      v.node = cn;
      String nodes = v.nodeSource() + " " + cn + " on " + cn + ".composition = " + c + ".id and " + cn + ".num = 0";
      if (parent == null) {
        sql.from.append("from composition ").append(c).append("\njoin ").append(nodes);
      } else if (parent.kind == Var.Kind.EHR) {
        sql.join(joinPrefix + "join (composition " + c + " join " + nodes + ") on " + c + ".ehr = " + parent.alias + ".id");
      } else if (parent.kind == Var.Kind.FOLDER) {
        sql.join(joinPrefix + "join (composition " + c + " join " + nodes + ") on " + c + ".ehr = " + parent.ehr + " and " + c + ".uid = any("
            + filed(parent) + ")");
      } else {
        throw CdrException.badRequest("A COMPOSITION can only be inside an EHR, a VERSION or a FOLDER");
      }
    }
    v.ehr = v.alias + ".ehr";
    if (predicates != null && !predicates.isEmpty()) {
      sql.where.add(paths.predicate(paths.nodeRoot(v, cn), predicates, sql));
    }
    return v;
  }
}
