package se.region.cdr.aql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ehrbase.openehr.sdk.aql.dto.operand.IdentifiedPath;
import org.ehrbase.openehr.sdk.aql.dto.path.AqlObjectPath.PathNode;
import org.ehrbase.openehr.sdk.aql.dto.select.SelectExpression;

/**
 * SELECT paths that step into archetyped nodes of their own through a list ({@code
 * o/data[at0001]/events[at0002]/data[at0003]/items[openEHR-EHR-CLUSTER.x.v0]/items[at0003]/value/value}):
 * such a path selects the values it reaches in nodes of that archetype, one row each, and gives no
 * row for a node (or an element above it) it reaches nothing in, like a CONTAINS of that archetype
 * restricted to the nodes with the path; when it reaches nothing at all, the FROM row keeps one
 * null row. (A path without such a step keeps a null row per list element it passes, e.g. an event
 * without {@code width}.)
 *
 * <p>All SELECT paths of the same variable that pass a list join the group, so columns that share
 * a list prefix stay on the same element, and a row is kept when some column of the group has a
 * value there. SQL: the group's list joins sit inside one {@code left join lateral (select ...
 * where <some column is not null>) g on true}; the columns read {@code g.c<i>}.
 */
final class PathGroups {
  private final PathCompiler paths;
  private final Expressions expressions;
  private final Map<String, Value> byPath = new HashMap<>();

  PathGroups(PathCompiler paths, Expressions expressions) {
    this.paths = requireNonNull(paths, "paths is null");
    this.expressions = requireNonNull(expressions, "expressions is null");
  }

  /** Compiles the grouped columns of a SELECT without aggregates; returns their values by column index. */
  Map<Integer, Value> compile(List<SelectExpression> select, Sql sql) {
    Map<Integer, Value> values = new HashMap<>();
    for (List<Integer> group : groups(select).values()) {
      Sql rows = sql.nestedRows();
      String g = sql.alias("g");
      List<String> columns = new ArrayList<>();
      List<String> reached = new ArrayList<>();
      for (int i : group) {
        IdentifiedPath path = (IdentifiedPath) select.get(i).getColumnExpression();
        Value value = expressions.path(path, rows);
        columns.add(value.selected() + " as c" + i);
        reached.add(value.sql() + " is not null");
        Value column = new Value(g + ".c" + i, value.shape(), value.attribute(), value.partyName(), null);
        values.put(i, column);
        byPath.put(path.render(), column);
      }
      List<String> where = new ArrayList<>(rows.where);
      where.add("(" + String.join(" or ", reached) + ")");
      sql.join("left join lateral (select " + String.join(", ", columns) + " from (select) d" + rows.from + "\n  where "
          + String.join(" and ", where) + ") " + g + " on true");
    }
    return values;
  }

  /** The value of a grouped column with this path (ORDER BY reads it there), or null. */
  Value column(IdentifiedPath path) {
    return byPath.get(path.render());
  }

  /** Column indices by variable: the list-passing paths of each variable that has a path into an archetyped node. */
  private Map<String, List<Integer>> groups(List<SelectExpression> select) {
    Map<String, List<Integer>> throughLists = new LinkedHashMap<>();
    Map<String, Boolean> intoArchetype = new HashMap<>();
    for (int i = 0; i < select.size(); i++) {
      if (!(select.get(i).getColumnExpression() instanceof IdentifiedPath path) || path.getPath() == null || path.getRoot() == null) {
        continue;
      }
      List<PathNode> steps = path.getPath().getPathNodes();
      if (steps.stream().noneMatch(s -> Rm.MULTI_VALUED.contains(s.getAttribute()))) {
        continue;
      }
      String var = path.getRoot().getIdentifier();
      throughLists.computeIfAbsent(var, v -> new ArrayList<>()).add(i);
      boolean archetyped = steps.stream().anyMatch(s -> Rm.MULTI_VALUED.contains(s.getAttribute()) && paths.asksArchetypeId(s.getPredicateOrOperands()));
      intoArchetype.merge(var, archetyped, Boolean::logicalOr);
    }
    throughLists.keySet().removeIf(var -> !intoArchetype.get(var));
    return throughLists;
  }
}
