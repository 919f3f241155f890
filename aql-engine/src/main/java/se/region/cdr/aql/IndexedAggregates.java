package se.region.cdr.aql;

import java.util.List;
import java.util.Set;
import org.ehrbase.openehr.sdk.aql.dto.AqlQuery;
import org.ehrbase.openehr.sdk.aql.dto.condition.ComparisonOperatorCondition;
import org.ehrbase.openehr.sdk.aql.dto.condition.ExistsCondition;
import org.ehrbase.openehr.sdk.aql.dto.condition.LikeCondition;
import org.ehrbase.openehr.sdk.aql.dto.condition.LogicalOperatorCondition;
import org.ehrbase.openehr.sdk.aql.dto.condition.MatchesCondition;
import org.ehrbase.openehr.sdk.aql.dto.condition.NotCondition;
import org.ehrbase.openehr.sdk.aql.dto.condition.WhereCondition;
import org.ehrbase.openehr.sdk.aql.dto.operand.AggregateFunction;
import org.ehrbase.openehr.sdk.aql.dto.operand.AggregateFunction.AggregateFunctionName;
import org.ehrbase.openehr.sdk.aql.dto.operand.CountDistinctAggregateFunction;
import org.ehrbase.openehr.sdk.aql.dto.operand.IdentifiedPath;
import org.ehrbase.openehr.sdk.aql.dto.operand.Primitive;
import org.ehrbase.openehr.sdk.aql.dto.operand.QueryParameter;
import org.ehrbase.openehr.sdk.aql.dto.operand.SingleRowFunction;
import org.ehrbase.openehr.sdk.aql.dto.path.AqlObjectPath.PathNode;
import org.ehrbase.openehr.sdk.aql.dto.select.SelectExpression;

/**
 * SELECT lists of COUNT, SUM, AVG, MIN and MAX over one indexed {@code .../magnitude} path (AQL's
 * "statistics of a measurement"): the aggregates read the value index's numbers instead of
 * unrolling every node's JSON. Exact because a stored magnitude is always a JSON number (DV_QUANTITY,
 * DV_COUNT), so the index holds one row per value the path reaches, with that number; used only when
 * nothing else in the query names the variable (WHERE on its paths would compare per element).
 */
final class IndexedAggregates {
  private static final Set<AggregateFunctionName> FUNCTIONS =
      Set.of(AggregateFunctionName.COUNT, AggregateFunctionName.SUM, AggregateFunctionName.AVG, AggregateFunctionName.MIN, AggregateFunctionName.MAX);

  private IndexedAggregates() {}

  /** The SQL of the index's number for the query's one aggregated path, joined into {@code sql}; null when it does not apply. */
  static String column(AqlQuery query, Expressions expressions, List<ValueIndexes.ValueIndex> indexes, Sql sql) {
    List<SelectExpression> select = query.getSelect().getStatement();
    if (indexes.isEmpty() || query.getSelect().isDistinct() || query.getOrderBy() != null || select.isEmpty()) {
      return null;
    }
    IdentifiedPath first = null;
    for (SelectExpression s : select) {
      if (!(s.getColumnExpression() instanceof AggregateFunction a) || a instanceof CountDistinctAggregateFunction
          || !FUNCTIONS.contains(a.getFunctionName()) || a.getIdentifiedPath() == null || a.getIdentifiedPath().getPath() == null) {
        return null;
      }
      if (first == null) {
        first = a.getIdentifiedPath();
      } else if (!first.render().equals(a.getIdentifiedPath().render())) {
        return null;
      }
    }
    List<PathNode> steps = first.getPath().getPathNodes();
    if (!steps.get(steps.size() - 1).getAttribute().equals("magnitude")) {
      return null;
    }
    String name = first.getRoot().getIdentifier();
    if (query.getWhere() != null && mayName(query.getWhere(), name)) {
      return null;
    }
    Var v = expressions.var(first);
    String path = first.getPath().render();
    ValueIndexes.ValueIndex index = v.kind != Var.Kind.NODE || v.allVersions || v.archetypeId == null ? null
        : indexes.stream().filter(i -> i.archetypeId().equals(v.archetypeId) && i.path().equals(path)).findFirst().orElse(null);
    if (index == null) {
      return null;
    }
    String ix = sql.bind((long) index.id()) + "::int";
    if (v.ehrJoin != null && v.archetypeOnly) {
      // nothing else reads the node: its index rows stand in for it (they carry its EHR, composition and number)
      int at = sql.from.indexOf("\n" + v.ehrJoin);
      // "n is not null" (all the aggregates skip nulls anyway) lets the index on (ix, n) serve alone
      String rows = "join aql_value " + v.node + " on " + v.node + ".ehr = " + v.ehrAlias + ".id and " + v.node + ".ix = " + ix + " and " + v.node
          + ".n is not null";
      sql.from.replace(at + 1, at + 1 + v.ehrJoin.length(), rows);
      v.ehrJoin = rows;
      Var composition = expressions.pendingOn(v);
      if (composition != null) {
        composition.indexedStartTime = v.node + ".start_time"; // "since a date" without joining the compositions
      }
      return v.node + ".n";
    }
    String x = sql.alias("x");
    sql.join("join aql_value " + x + " on " + x + ".ix = " + ix + " and " + x + ".composition = " + v.node + ".composition and " + x + ".num = "
        + v.node + ".num and " + x + ".n is not null");
    return x + ".n";
  }

  /** Whether a WHERE condition may name the variable (true for anything not understood). */
  private static boolean mayName(WhereCondition c, String name) {
    if (c instanceof LogicalOperatorCondition l) {
      return l.getValues().stream().anyMatch(v -> mayName(v, name));
    }
    if (c instanceof NotCondition n) {
      return mayName(n.getConditionDto(), name);
    }
    if (c instanceof ComparisonOperatorCondition cmp) {
      return mayName((Object) cmp.getStatement(), name) || mayName((Object) cmp.getValue(), name);
    }
    if (c instanceof ExistsCondition e) {
      return mayName((Object) e.getValue(), name);
    }
    if (c instanceof LikeCondition like) {
      return mayName((Object) like.getStatement(), name);
    }
    if (c instanceof MatchesCondition m) {
      return mayName((Object) m.getStatement(), name);
    }
    return true;
  }

  private static boolean mayName(Object operand, String name) {
    if (operand instanceof IdentifiedPath p) {
      return p.getRoot() == null || name.equals(p.getRoot().getIdentifier());
    }
    if (operand instanceof SingleRowFunction f) {
      return f.getOperandList().stream().anyMatch(o -> mayName((Object) o, name));
    }
    return !(operand instanceof Primitive || operand instanceof QueryParameter);
  }
}
