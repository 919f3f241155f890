package se.region.cdr.aql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ehrbase.openehr.sdk.aql.dto.condition.LogicalOperatorCondition;
import org.ehrbase.openehr.sdk.aql.dto.condition.LogicalOperatorCondition.ConditionLogicalOperatorSymbol;
import org.ehrbase.openehr.sdk.aql.dto.condition.WhereCondition;

/**
 * WHERE into the statement. When the query only asks which EHRs match ({@code COUNT(DISTINCT
 * e/ehr_id/value)}, {@code SELECT DISTINCT e/...}), a content node variable joined straight to the
 * EHR and named only by AND-ed WHERE terms of its own becomes {@code EXISTS (...)} with those terms:
 * the same EHRs match, but PostgreSQL stops at the first matching node of an EHR instead of joining
 * every combination of the variables' nodes (a cohort of diagnoses AND lab results). When that one
 * term is a comparison on a value index, the index alone answers it (its rows carry the EHR).
 */
final class WhereClause {
  private WhereClause() {}

  static void compile(WhereCondition where, boolean onlyEhrs, Sql sql, Collection<Var> vars, Expressions expressions, Conditions conditions) {
    List<WhereCondition> terms = where instanceof LogicalOperatorCondition and && and.getSymbol() == ConditionLogicalOperatorSymbol.AND
        ? and.getValues()
        : List.of(where);
    List<String> texts = new ArrayList<>();
    List<Set<Var>> named = new ArrayList<>();
    for (WhereCondition term : terms) {
      expressions.track();
      texts.add(conditions.compile(term));
      Set<Var> nodes = new HashSet<>(expressions.named());
      nodes.removeIf(v -> v.kind == Var.Kind.EHR);
      named.add(nodes);
    }
    Map<Var, List<String>> lifted = onlyEhrs ? liftable(vars, named) : Map.of();
    List<String> main = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      Set<Var> nodes = named.get(i);
      Var own = nodes.size() == 1 ? nodes.iterator().next() : null;
      if (own != null && lifted.containsKey(own)) {
        lifted.get(own).add(texts.get(i));
      } else {
        main.add(texts.get(i));
      }
    }
    if (!main.isEmpty()) {
      sql.where.add(terms.size() == 1 ? main.get(0) : "(" + String.join(" and ", main) + ")");
    }
    lifted.forEach((v, own) -> {
      int at = sql.from.indexOf("\n" + v.ehrJoin);
      sql.from.delete(at, at + 1 + v.ehrJoin.length());
      List<Conditions.IndexedTerm> indexed = own.stream().map(conditions::indexedTerm).toList();
      if (!own.isEmpty() && v.archetypeOnly && !indexed.contains(null)) {
        sql.where.add(fromIndex(indexed, v.ehrAlias));
        return;
      }
      String head = "join " + v.nodeSource() + " " + v.node + " on ";
      List<String> all = new ArrayList<>(List.of(v.ehrJoin.substring(head.length())));
      all.addAll(own);
      sql.where.add("exists (select 1 from " + v.nodeSource() + " " + v.node + " where " + String.join(" and ", all) + ")");
    });
  }

  /**
   * The terms of a node variable that are all comparisons on value indexes, answered by the indexes
   * alone (an index row of the archetype's path stands for a node of it in its EHR): the first by
   * EHR, each further one on the same node.
   */
  private static String fromIndex(List<Conditions.IndexedTerm> terms, String ehr) {
    StringBuilder sql = new StringBuilder("exists (select 1 from aql_value x0 where " + terms.get(0).on("x0") + " and x0.ehr = " + ehr + ".id");
    for (int i = 1; i < terms.size(); i++) {
      String x = "x" + i;
      sql.append(" and exists (select 1 from aql_value ").append(x).append(" where ").append(terms.get(i).on(x)).append(" and ").append(x)
          .append(".composition = x0.composition and ").append(x).append(".num = x0.num)");
    }
    return sql.append(")").toString();
  }

  /** The variables that can become EXISTS, each with an empty list for its own WHERE terms. */
  private static Map<Var, List<String>> liftable(Collection<Var> vars, List<Set<Var>> named) {
    Set<Var> shared = new HashSet<>();
    named.stream().filter(nodes -> nodes.size() > 1).forEach(shared::addAll);
    Map<Var, List<String>> out = new LinkedHashMap<>();
    for (Var v : vars) {
      boolean readByComposition = vars.stream().anyMatch(c -> c.pendingOn == v && c.pendingJoin == null);
      if (v.ehrJoin != null && !shared.contains(v) && !readByComposition) {
        out.put(v, new ArrayList<>());
      }
    }
    return out;
  }
}
