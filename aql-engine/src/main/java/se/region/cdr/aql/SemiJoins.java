package se.region.cdr.aql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ehrbase.openehr.sdk.aql.dto.AqlQuery;
import org.ehrbase.openehr.sdk.aql.dto.condition.ComparisonOperatorCondition;
import org.ehrbase.openehr.sdk.aql.dto.condition.ExistsCondition;
import org.ehrbase.openehr.sdk.aql.dto.condition.LikeCondition;
import org.ehrbase.openehr.sdk.aql.dto.condition.LogicalOperatorCondition;
import org.ehrbase.openehr.sdk.aql.dto.condition.LogicalOperatorCondition.ConditionLogicalOperatorSymbol;
import org.ehrbase.openehr.sdk.aql.dto.condition.MatchesCondition;
import org.ehrbase.openehr.sdk.aql.dto.condition.NotCondition;
import org.ehrbase.openehr.sdk.aql.dto.condition.WhereCondition;
import org.ehrbase.openehr.sdk.aql.dto.containment.AbstractContainmentExpression;
import org.ehrbase.openehr.sdk.aql.dto.containment.Containment;
import org.ehrbase.openehr.sdk.aql.dto.containment.ContainmentClassExpression;
import org.ehrbase.openehr.sdk.aql.dto.containment.ContainmentNotOperator;
import org.ehrbase.openehr.sdk.aql.dto.containment.ContainmentSetOperator;
import org.ehrbase.openehr.sdk.aql.dto.containment.ContainmentSetOperatorSymbol;
import org.ehrbase.openehr.sdk.aql.dto.operand.AggregateFunction;
import org.ehrbase.openehr.sdk.aql.dto.operand.CountDistinctAggregateFunction;
import org.ehrbase.openehr.sdk.aql.dto.operand.IdentifiedPath;
import org.ehrbase.openehr.sdk.aql.dto.operand.Operand;
import org.ehrbase.openehr.sdk.aql.dto.operand.Primitive;
import org.ehrbase.openehr.sdk.aql.dto.operand.QueryParameter;
import org.ehrbase.openehr.sdk.aql.dto.operand.SingleRowFunction;
import org.ehrbase.openehr.sdk.aql.dto.orderby.OrderByExpression;
import org.ehrbase.openehr.sdk.aql.dto.select.SelectExpression;

/**
 * Which CONTAINS branches can be tested with {@code EXISTS} instead of being joined.
 *
 * <p>In {@code EHR e CONTAINS ((COMPOSITION c1 CONTAINS EVALUATION d) AND (COMPOSITION c2 CONTAINS
 * OBSERVATION l))} every pair of d and l rows of an EHR is a joined row; when a branch's variables
 * are only filtered on (no SELECT or ORDER BY use, and each WHERE conjunct naming one of them names
 * only that branch) and the result does not depend on how many rows there are (SELECT DISTINCT, or
 * only COUNT(DISTINCT …), MIN and MAX), the branch becomes {@code EXISTS (…)} with its own conditions:
 * the same answer without the cross product. Branches are the class expressions of the first AND
 * reached from the top variable through single CONTAINS steps; VERSION, FOLDER and EHR_STATUS
 * branches are left as joins.
 */
final class SemiJoins {
  private static final Set<String> NOT_IN_BRANCHES = Set.of("VERSION", "VERSIONED_OBJECT", "FOLDER", "EHR_STATUS", "EHR");

  /** Branch roots (by identifier) to test with EXISTS, with the WHERE conjuncts each one takes. */
  record Plan(Map<String, List<WhereCondition>> branches, List<WhereCondition> rest) {
    static final Plan NONE = new Plan(Map.of(), null);

    boolean isSemi(String identifier) {
      return identifier != null && branches.containsKey(identifier);
    }
  }

  private SemiJoins() {}

  static Plan plan(AqlQuery query) {
    if (!multiplicityFree(query) || !(query.getFrom() instanceof AbstractContainmentExpression top)) {
      return Plan.NONE;
    }
    List<AbstractContainmentExpression> candidates = branches(top);
    if (candidates.isEmpty()) {
      return Plan.NONE;
    }
    Set<String> used = new HashSet<>();
    for (SelectExpression s : query.getSelect().getStatement()) {
      if (!collect(s.getColumnExpression(), used)) {
        return Plan.NONE;
      }
    }
    if (query.getOrderBy() != null) {
      for (OrderByExpression o : query.getOrderBy()) {
        if (!collect(o.getStatement(), used)) {
          return Plan.NONE;
        }
      }
    }
    List<WhereCondition> conjuncts = new ArrayList<>();
    if (query.getWhere() != null) {
      flatten(query.getWhere(), conjuncts);
    }
    List<Set<String>> conjunctVars = new ArrayList<>();
    for (WhereCondition c : conjuncts) {
      Set<String> vars = new HashSet<>();
      if (!collect(c, vars)) {
        return Plan.NONE;
      }
      conjunctVars.add(vars);
    }
    Map<String, List<WhereCondition>> semi = new LinkedHashMap<>();
    Set<Integer> taken = new HashSet<>();
    for (AbstractContainmentExpression branch : candidates) {
      Set<String> names = new HashSet<>();
      if (!declared(branch, names) || names.stream().anyMatch(used::contains)) {
        continue;
      }
      List<Integer> mine = new ArrayList<>();
      boolean ok = true;
      for (int i = 0; i < conjuncts.size() && ok; i++) {
        Set<String> vars = conjunctVars.get(i);
        if (vars.stream().anyMatch(names::contains)) {
          ok = names.containsAll(vars);
          mine.add(i);
        }
      }
      if (ok) {
        semi.put(branch.getIdentifier(), mine.stream().map(conjuncts::get).toList());
        taken.addAll(mine);
      }
    }
    if (semi.isEmpty()) {
      return Plan.NONE;
    }
    List<WhereCondition> rest = new ArrayList<>();
    for (int i = 0; i < conjuncts.size(); i++) {
      if (!taken.contains(i)) {
        rest.add(conjuncts.get(i));
      }
    }
    return new Plan(semi, rest);
  }

  /** DISTINCT, or only aggregates whose value ignores duplicate rows. */
  private static boolean multiplicityFree(AqlQuery query) {
    if (query.getSelect().isDistinct()) {
      return true;
    }
    for (SelectExpression s : query.getSelect().getStatement()) {
      if (!(s.getColumnExpression() instanceof AggregateFunction a)) {
        return false;
      }
      boolean distinctCount = a instanceof CountDistinctAggregateFunction;
      boolean extreme = a.getFunctionName() == AggregateFunction.AggregateFunctionName.MIN
          || a.getFunctionName() == AggregateFunction.AggregateFunctionName.MAX;
      if (!distinctCount && !extreme) {
        return false;
      }
    }
    return true;
  }

  /** The class expressions of the first AND below a chain of single CONTAINS steps. */
  private static List<AbstractContainmentExpression> branches(AbstractContainmentExpression top) {
    Containment c = top.getContains();
    while (c instanceof AbstractContainmentExpression single) {
      c = single.getContains();
    }
    List<AbstractContainmentExpression> out = new ArrayList<>();
    if (c instanceof ContainmentSetOperator set && set.getSymbol() == ContainmentSetOperatorSymbol.AND) {
      for (Containment value : set.getValues()) {
        if (value instanceof ContainmentClassExpression branch && branch.getIdentifier() != null) {
          out.add(branch);
        }
      }
    }
    return out;
  }

  /** The identifiers declared in a branch; false when it holds a type left as a join. */
  private static boolean declared(Containment c, Set<String> names) {
    if (c == null) {
      return true;
    }
    if (c instanceof ContainmentClassExpression e) {
      if (NOT_IN_BRANCHES.contains(e.getType())) {
        return false;
      }
      if (e.getIdentifier() != null) {
        names.add(e.getIdentifier());
      }
      return declared(e.getContains(), names);
    }
    if (c instanceof ContainmentSetOperator set) {
      return set.getValues().stream().allMatch(v -> declared(v, names));
    }
    if (c instanceof ContainmentNotOperator not) {
      return declared(not.getContainmentExpression(), names);
    }
    return false; // VERSION and anything else
  }

  private static void flatten(WhereCondition c, List<WhereCondition> out) {
    if (c instanceof LogicalOperatorCondition l && l.getSymbol() == ConditionLogicalOperatorSymbol.AND) {
      l.getValues().forEach(v -> flatten(v, out));
    } else {
      out.add(c);
    }
  }

  /** Adds the variables an expression or condition names; false for a construct not known here. */
  private static boolean collect(Object o, Set<String> vars) {
    if (o == null || o instanceof Primitive || o instanceof QueryParameter) {
      return true;
    }
    if (o instanceof IdentifiedPath p) {
      if (p.getRoot() == null || p.getRoot().getIdentifier() == null) {
        return false;
      }
      vars.add(p.getRoot().getIdentifier());
      return true;
    }
    if (o instanceof AggregateFunction a) {
      return collect(a.getIdentifiedPath(), vars);
    }
    if (o instanceof SingleRowFunction f) {
      for (Operand operand : f.getOperandList()) {
        if (!collect(operand, vars)) {
          return false;
        }
      }
      return true;
    }
    if (o instanceof ComparisonOperatorCondition c) {
      return collect(c.getStatement(), vars) && collect(c.getValue(), vars);
    }
    if (o instanceof LikeCondition l) {
      return collect(l.getStatement(), vars);
    }
    if (o instanceof MatchesCondition m) {
      return collect(m.getStatement(), vars);
    }
    if (o instanceof ExistsCondition e) {
      return collect(e.getValue(), vars);
    }
    if (o instanceof NotCondition n) {
      return collect(n.getConditionDto(), vars);
    }
    if (o instanceof LogicalOperatorCondition l) {
      return l.getValues().stream().allMatch(v -> collect(v, vars));
    }
    return false;
  }
}
