package se.region.cdr.aql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.ehrbase.openehr.sdk.aql.dto.condition.ComparisonOperatorCondition;
import org.ehrbase.openehr.sdk.aql.dto.condition.ExistsCondition;
import org.ehrbase.openehr.sdk.aql.dto.condition.LikeCondition;
import org.ehrbase.openehr.sdk.aql.dto.condition.LogicalOperatorCondition;
import org.ehrbase.openehr.sdk.aql.dto.condition.MatchesCondition;
import org.ehrbase.openehr.sdk.aql.dto.condition.NotCondition;
import org.ehrbase.openehr.sdk.aql.dto.condition.WhereCondition;
import org.ehrbase.openehr.sdk.aql.dto.operand.IdentifiedPath;
import org.ehrbase.openehr.sdk.aql.dto.operand.MatchesOperand;
import org.ehrbase.openehr.sdk.aql.dto.operand.QueryParameter;
import se.region.cdr.core.CdrException;

/**
 * Compiles WHERE. A comparison whose path goes through a list that SELECT did not already unroll
 * becomes {@code EXISTS (...)} over the list's elements: the row qualifies when some element
 * does, and rows are not multiplied by the filter.
 */
final class Conditions {
  private final Sql main;
  private final Expressions expressions;
  private final Operands operands;
  private final PathCompiler paths;
  private final List<ValueIndexes.ValueIndex> indexes;
  private final java.util.Map<String, IndexedTerm> indexedTerms = new java.util.HashMap<>();

  Conditions(Sql main, Expressions expressions, Operands operands, PathCompiler paths, List<ValueIndexes.ValueIndex> indexes) {
    this.main = main;
    this.expressions = expressions;
    this.operands = operands;
    this.paths = paths;
    this.indexes = indexes;
  }

  String compile(WhereCondition condition) {
    if (condition instanceof LogicalOperatorCondition logical) {
      List<String> parts = new ArrayList<>();
      for (WhereCondition value : logical.getValues()) {
        parts.add(compile(value));
      }
      String op = logical.getSymbol() == LogicalOperatorCondition.ConditionLogicalOperatorSymbol.AND ? " and " : " or ";
      return "(" + String.join(op, parts) + ")";
    }
    if (condition instanceof NotCondition not) {
      return "not " + compile(not.getConditionDto());
    }
    Sql sub = main.nested();
    String test = atomic(condition, sub);
    if (sub.from.length() == 0) {
      return test;
    }
    return "exists (select 1 from (select) d" + sub.from + "\n  where " + test + ")";
  }

  private String atomic(WhereCondition condition, Sql sub) {
    if (condition instanceof ComparisonOperatorCondition c) {
      String symbol = c.getSymbol().getSymbol();
      String fast = fastPath(c, symbol, sub);
      if (fast == null) {
        fast = indexed(c, symbol);
      }
      if (fast != null) {
        return fast;
      }
      Value left = expressions.value(c.getStatement(), sub);
      Object constant = operands.constant(c.getValue());
      if (constant != null) {
        return Comparisons.compare(left.sql(), symbol, constant, main, c.getValue() instanceof QueryParameter);
      }
      Value right = expressions.value(c.getValue(), sub);
      return Comparisons.compareValues(left.sql(), symbol, right.sql());
    }
    if (condition instanceof ExistsCondition e) {
      return "(" + expressions.path(e.getValue(), sub).sql() + " is not null)";
    }
    if (condition instanceof LikeCondition like) {
      Object pattern = operands.constant(like.getValue());
      if (!(pattern instanceof String s)) {
        throw CdrException.badRequest("LIKE needs a string pattern");
      }
      String sqlPattern = likePattern(s);
      return "coalesce(aql_text(" + expressions.path(like.getStatement(), sub).sql() + ") like " + main.bind(sqlPattern) + ", false)";
    }
    if (condition instanceof MatchesCondition matches) {
      String left = expressions.path(matches.getStatement(), sub).sql();
      List<String> any = new ArrayList<>();
      for (MatchesOperand operand : matches.getValues()) {
        Object constant = operands.constant(operand);
        if (constant == null) {
          throw CdrException.badRequest("MATCHES supports literal values and parameters (terminology functions are not supported)");
        }
        any.add(Comparisons.compare(left, "=", constant, main, operand instanceof QueryParameter));
      }
      return "(" + String.join(" or ", any) + ")";
    }
    throw CdrException.badRequest("Unsupported WHERE condition: " + condition);
  }

  /**
   * An AQL LIKE pattern as an SQL one: {@code *} any text, {@code ?} one character, a backslash
   * takes the next character literally; {@code %} and {@code _} are plain characters in AQL.
   */
  static String likePattern(String aql) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < aql.length(); i++) {
      char c = aql.charAt(i);
      if (c == '\\' && i + 1 < aql.length()) {
        c = aql.charAt(++i);
        out.append(c == '%' || c == '_' || c == '\\' ? "\\" + c : String.valueOf(c));
      } else if (c == '*') {
        out.append('%');
      } else if (c == '?') {
        out.append('_');
      } else if (c == '%' || c == '_' || c == '\\') {
        out.append('\\').append(c);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A comparison of a path with a number or a plain string, on a content node variable of one
   * archetype, when that archetype and path have a declared value index (see {@link ValueIndexes})
   * and the path's lists are not unrolled by SELECT: some indexed value of the node compares true,
   * exactly as some element reached by the path would (the index holds the same typed values:
   * {@code n} the number {@link Comparisons} compares, {@code t} the string). Dates, durations,
   * times, booleans and NULL keep the JSON path.
   */
  private String indexed(ComparisonOperatorCondition c, String symbol) {
    if (indexes.isEmpty() || !(c.getStatement() instanceof IdentifiedPath path) || path.getPath() == null) {
      return null;
    }
    Var v = expressions.var(path);
    if (v.kind != Var.Kind.NODE || v.allVersions || v.archetypeId == null || paths.unrolledInMain(v, path.getPath())) {
      return null;
    }
    String rendered = path.getPath().render();
    ValueIndexes.ValueIndex index = indexes.stream()
        .filter(i -> i.archetypeId().equals(v.archetypeId) && i.path().equals(rendered)).findFirst().orElse(null);
    if (index == null) {
      return null;
    }
    Object constant = operands.constant(c.getValue());
    String op = Comparisons.operator(symbol);
    String test; // on the index row "%1$s"
    if (constant instanceof Number n) {
      test = "%1$s.n " + op + " " + main.bind(new BigDecimal(n.toString())) + "::numeric";
      if (c.getValue() instanceof QueryParameter) { // untyped: text that reads the same matches too
        test = "(" + test + " or %1$s.t " + op + " " + main.bind(n.toString()) + ")";
      }
    } else if (constant instanceof String s && Comparisons.isPlainText(s)) {
      test = "%1$s.t " + op + " " + main.bind(s);
    } else {
      return null;
    }
    IndexedTerm term = new IndexedTerm(main.bind((long) index.id()) + "::int", test);
    String sql = "exists (select 1 from aql_value x where " + term.on("x") + " and x.composition = " + v.node + ".composition and x.num = "
        + v.node + ".num)";
    indexedTerms.put(sql, term);
    return sql;
  }

  /** A comparison compiled onto a value index: the index id (SQL) and the test on its row. */
  record IndexedTerm(String ix, String test) {
    /** The condition on index row {@code x}: its index and the test. */
    String on(String x) {
      return x + ".ix = " + ix + " and " + String.format(test, x);
    }
  }

  /** The comparison a WHERE term's SQL stands for, if it was compiled onto a value index. */
  IndexedTerm indexedTerm(String sql) {
    return indexedTerms.get(sql);
  }

  /**
   * The column holding a composition's start time: the value index rows that stand in for its node
   * while it is not joined (IndexedAggregates), else its own; null for anything but a composition.
   */
  private String startTimeColumn(IdentifiedPath path) {
    Var peeked = expressions.peek(path);
    if (peeked != null && peeked.indexedStartTime != null && peeked.pendingJoin != null) {
      return peeked.indexedStartTime;
    }
    Var v = expressions.var(path);
    return v.kind == Var.Kind.COMPOSITION && !v.allVersions ? v.alias + ".start_time" : null;
  }

  /** Comparisons that read a column instead of JSON: composition start time, EHR id. */
  private String fastPath(ComparisonOperatorCondition c, String symbol, Sql sub) {
    if (!(c.getStatement() instanceof IdentifiedPath path) || path.getPath() == null) {
      return null;
    }
    Object constant = operands.constant(c.getValue());
    String rendered = path.getPath().render();
    boolean startTime = rendered.equals("context/start_time/value") && constant instanceof String s && Comparisons.isDate(s);
    String startTimeColumn = startTime ? startTimeColumn(path) : null;
    if (startTimeColumn != null) {
      return "coalesce(" + startTimeColumn + " " + Comparisons.operator(symbol) + " aql_ts(" + main.bind(constant) + "), false)";
    }
    Var v = expressions.var(path);
    if (v.kind == Var.Kind.COMPOSITION && rendered.equals("uid/value") && constant instanceof String s && !s.contains("::")
        && (symbol.equals("=") || symbol.equals("!="))) {
      // the versioned object id alone matches every version of it, as EHRbase does
      String test = FromCompiler.isUuid(s) ? v.alias + ".uid = " + main.bind(s) + "::uuid" : "false";
      return symbol.equals("=") ? test : "not " + test;
    }
    if (v.kind == Var.Kind.EHR && rendered.equals("ehr_id/value") && constant instanceof String s && symbol.equals("=")) {
      return FromCompiler.isUuid(s) ? v.alias + ".ehr_id = " + main.bind(s) + "::uuid" : "false";
    }
    return null;
  }
}
