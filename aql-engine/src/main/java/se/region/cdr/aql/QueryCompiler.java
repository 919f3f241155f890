package se.region.cdr.aql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ehrbase.openehr.sdk.aql.dto.AqlQuery;
import org.ehrbase.openehr.sdk.aql.dto.operand.AggregateFunction;
import org.ehrbase.openehr.sdk.aql.dto.operand.ColumnExpression;
import org.ehrbase.openehr.sdk.aql.dto.operand.CountDistinctAggregateFunction;
import org.ehrbase.openehr.sdk.aql.dto.operand.IdentifiedPath;
import org.ehrbase.openehr.sdk.aql.dto.operand.SingleRowFunction;
import org.ehrbase.openehr.sdk.aql.dto.orderby.OrderByExpression;
import org.ehrbase.openehr.sdk.aql.dto.select.SelectExpression;
import se.region.cdr.core.CdrException;

/**
 * Compiles a parsed AQL query into one parameterised SQL statement (see aql-engine/README.md for
 * the translation rules). Paging from the REST call ({@code offset}, {@code fetch}) wraps the
 * statement when the query has its own LIMIT.
 */
public final class QueryCompiler {
  private final String systemId;

  public QueryCompiler(String systemId) {
    this.systemId = systemId;
  }

  /** A result column: its name, its AQL path, and how its values are decoded. */
  public record Column(String name, String path, Value value) {}

  /** The compiled statement. */
  /**
   * A compiled statement. {@code givenEhrs}: FROM names the EHR by id, so the plan does not depend
   * on the values and PostgreSQL may keep one (population queries need a plan per value).
   */
  public record Compiled(String sql, List<Object> params, List<Column> columns, boolean givenEhrs) {}

  public Compiled compile(AqlQuery query, Map<String, Object> parameters, Long fetch, Long offset) {
    return compile(query, parameters, fetch, offset, List.of());
  }

  /** Compiles with the declared value indexes ({@link ValueIndexes}) that WHERE may read. */
  public Compiled compile(AqlQuery query, Map<String, Object> parameters, Long fetch, Long offset, List<ValueIndexes.ValueIndex> indexes) {
    Sql sql = new Sql();
    Operands operands = new Operands(parameters);
    PathCompiler paths = new PathCompiler(sql, systemId, operands);
    FromCompiler from = new FromCompiler(sql, paths, operands);
    from.compile(query.getFrom());
    Expressions expressions = new Expressions(paths, from.vars(), operands);

    List<Column> columns = new ArrayList<>();
    List<String> selectList = new ArrayList<>();
    List<Integer> grouped = new ArrayList<>();
    boolean aggregated = false;
    List<SelectExpression> statement = query.getSelect().getStatement();
    expressions.track();
    String indexedNumber = IndexedAggregates.column(query, expressions, indexes, sql);
    PathGroups groups = new PathGroups(paths, expressions);
    Map<Integer, Value> inGroups = statement.stream().anyMatch(s -> s.getColumnExpression() instanceof AggregateFunction)
        ? Map.of()
        : groups.compile(statement, sql);
    for (int i = 0; i < statement.size(); i++) {
      SelectExpression s = statement.get(i);
      ColumnExpression expr = s.getColumnExpression();
      Value value;
      if (expr instanceof AggregateFunction aggregate) {
        aggregated = true;
        value = indexedNumber != null ? indexed(aggregate, indexedNumber) : aggregate(aggregate, expressions, sql);
      } else {
        value = inGroups.containsKey(i) ? inGroups.get(i) : expressions.value(expr, sql);
        grouped.add(i + 1);
      }
      String name = s.getAlias() != null ? s.getAlias() : "#" + i;
      columns.add(new Column(name, render(expr), value));
    }
    for (int i = 0; i < columns.size(); i++) {
      // grouped rows have no single node to read descendants from
      Value value = columns.get(i).value();
      selectList.add((aggregated ? value.sql() : value.selected()) + " as c" + i);
    }

    if (query.getWhere() != null) {
      boolean onlyEhrs = query.getOrderBy() == null && expressions.named().stream().allMatch(v -> v.kind == Var.Kind.EHR)
          && (aggregated ? statement.stream().allMatch(s -> s.getColumnExpression() instanceof CountDistinctAggregateFunction)
              : query.getSelect().isDistinct());
      Conditions conditions = new Conditions(sql, expressions, operands, paths, indexes);
      WhereClause.compile(query.getWhere(), onlyEhrs, sql, from.vars().values(), expressions, conditions);
    }

    boolean distinct = query.getSelect().isDistinct();
    boolean wrap = distinct || aggregated;
    List<String> order = new ArrayList<>();
    if (query.getOrderBy() != null) {
      for (OrderByExpression o : query.getOrderBy()) {
        String dir = o.getSymbol() == OrderByExpression.OrderByDirection.DESC ? " desc" : "";
        order.addAll(orderKeys(o.getStatement(), dir, wrap, columns, expressions, groups, sql));
      }
    }

    StringBuilder text = new StringBuilder("select ");
    if (distinct) {
      text.append("distinct ");
    }
    text.append(String.join(",\n  ", selectList)).append('\n').append(sql.from).append(sql.whereText());
    if (aggregated && grouped.size() < columns.size() && !grouped.isEmpty()) {
      text.append("\ngroup by ").append(String.join(", ", grouped.stream().map(String::valueOf).toList()));
    }
    if (wrap) {
      text.insert(0, "select * from (\n").append("\n) q");
    }
    if (!order.isEmpty()) {
      text.append("\norder by ").append(String.join(", ", order));
    }
    page(text, query.getLimit(), query.getOffset(), sql);
    if (fetch != null || offset != null) {
      if (query.getLimit() != null || query.getOffset() != null) {
        text.insert(0, "select * from (\n").append("\n) p");
      }
      page(text, fetch, offset, sql);
    }
    Sql.Statement statementSql = sql.finish(text.toString());
    return new Compiled(statementSql.text(), statementSql.params(), columns, from.ehrIdGiven());
  }

  private static void page(StringBuilder text, Long limit, Long offset, Sql sql) {
    if (limit != null) {
      text.append("\nlimit ").append(sql.bind(limit));
    }
    if (offset != null && offset > 0) {
      text.append("\noffset ").append(sql.bind(offset));
    }
  }

  /** An aggregate over the numbers of a value index (see {@link IndexedAggregates}). */
  private static Value indexed(AggregateFunction aggregate, String number) {
    String fn = aggregate.getFunctionName().name().toLowerCase(java.util.Locale.ROOT);
    return Value.canonical("to_jsonb(" + fn + "(" + number + "))");
  }

  private static Value aggregate(AggregateFunction aggregate, Expressions expressions, Sql sql) {
    IdentifiedPath path = aggregate.getIdentifiedPath();
    boolean distinct = aggregate instanceof CountDistinctAggregateFunction;
    if (path == null) {
      return Value.canonical("to_jsonb(count(*))");
    }
    if (path.getPath() == null && aggregate.getFunctionName() == AggregateFunction.AggregateFunctionName.COUNT) {
      Var var = expressions.var(path); // COUNT(o): count the rows that bind o, not their JSON
      String key = switch (var.kind) {
        case EHR -> var.alias + ".id";
        case STATUS -> var.alias + ".ehr";
        case NODE, COMPOSITION -> "(" + var.node + ".composition, " + var.node + ".num)";
        case INNER -> var.canonical ? "(" + var.ehr + ", " + var.alias + ".v)"
            : var.inStatus != null ? "(" + var.ehr + ", " + var.node + ".composition, " + var.node + ".num, " + var.alias + ".v, " + var.alias + ".c)"
            : "(" + var.node + ".composition, " + var.node + ".num, " + var.alias + ".v)";
        case VERSION -> "(" + var.versionedUid + ", " + var.alias + ".version)";
        case FOLDER -> "(" + var.ehr + ", " + var.alias + ".num)";
      };
      return Value.canonical("to_jsonb(count(" + (distinct ? "distinct " : "") + key + "))");
    }
    if (distinct && path.getPath().render().equals("ehr_id/value") && expressions.var(path).kind == Var.Kind.EHR) {
      // one EHR row per ehr_id: counting the rows sorts bigints instead of JSON text
      return Value.canonical("to_jsonb(count(distinct " + expressions.var(path).alias + ".id))");
    }
    Value value = expressions.path(path, sql);
    String v = value.sql();
    return switch (aggregate.getFunctionName()) {
      case COUNT -> Value.canonical("to_jsonb(count(" + (distinct ? "distinct " : "") + v + "))");
      case MIN, MAX -> extreme(path, value, aggregate.getFunctionName() == AggregateFunction.AggregateFunctionName.MIN ? "min" : "max", sql);
      case SUM -> Value.canonical("to_jsonb(sum(aql_num(aql_dv(" + v + "))))");
      case AVG -> Value.canonical("to_jsonb(avg(aql_num(aql_dv(" + v + "))))");
    };
  }

  /**
   * MIN/MAX: of a leaf (magnitude, value...) with the plain aggregates; of a whole data value
   * (an ELEMENT's value) the object with the lowest/highest magnitude or value, among the ordered
   * ones (DV_ORDERED, DV_DURATION): a DV_TEXT or DV_CODED_TEXT has no order, so the MAX of texts
   * is null (compare their /value for the text order).
   */
  private static Value extreme(IdentifiedPath path, Value value, String fn, Sql sql) {
    String v = value.sql();
    List<org.ehrbase.openehr.sdk.aql.dto.path.AqlObjectPath.PathNode> steps = path.getPath().getPathNodes();
    String last = steps.get(steps.size() - 1).getAttribute();
    String previous = steps.size() > 1 ? steps.get(steps.size() - 2).getAttribute() : "";
    boolean wholeValue = last.equals("value") && previous.equals("items");
    if (!wholeValue) {
      return Value.canonical("coalesce(to_jsonb(" + fn + "(aql_num(" + v + "))), to_jsonb(" + fn + "(aql_text(" + v + "))))");
    }
    String dir = fn.equals("min") ? "" : " desc";
    String dv = "aql_dv(" + v + ")";
    // the chosen data value keeps the path's encoding (stored compact JSON is decoded like a plain column)
    return new Value("(array_agg(" + v + " order by aql_num(" + dv + ")" + dir + " nulls last, aql_ts(aql_text(" + dv + "))" + dir
        + " nulls last, aql_text(" + dv + ")" + dir + " nulls last) filter (where coalesce(" + v + " ->> 'T', " + v + " ->> '_type', 'DV_QUANTITY') = any("
        + sql.bind(Rm.ORDERED_DATA_VALUES.toArray(String[]::new)) + ")))[1]",
        value.shape(), value.attribute(), value.partyName(), null);
  }

  /** Sort keys for a path: numbers, then instants, then whole durations, then text (jsonb mixes them otherwise). */
  private static List<String> orderKeys(IdentifiedPath path, String dir, boolean wrapped, List<Column> columns, Expressions expressions,
      PathGroups groups, Sql sql) {
    String rendered = path.render();
    String v = null;
    if (wrapped) {
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).path().equals(rendered) || columns.get(i).name().equals(rendered)) {
          v = "q.c" + i;
        }
      }
      if (v == null) {
        throw CdrException.badRequest("With DISTINCT or aggregates, ORDER BY must name a selected column: " + rendered);
      }
    } else {
      Var var = expressions.var(path);
      if (var.kind == Var.Kind.COMPOSITION && !var.allVersions && path.getPath() != null
          && path.getPath().render().equals("context/start_time/value")) {
        return List.of(var.alias + ".start_time" + dir); // indexed column: newest-first lists walk the index
      }
      Value grouped = groups.column(path); // a grouped column's list rows are the group's
      String value = grouped != null ? grouped.sql() : expressions.path(path, sql).sql();
      // the value and its text once per row, as columns (OFFSET 0): inlined into the four keys below,
      // the path expression would be copied dozens of times, and planned and evaluated each time
      String o = sql.alias("o");
      String t = sql.alias("o");
      sql.join("cross join lateral (select " + value + " as v offset 0) " + o);
      sql.join("cross join lateral (select aql_text(aql_dv(" + o + ".v)) as t offset 0) " + t);
      return keys(o + ".v", t + ".t", dir, sql);
    }
    return keys(v, "aql_text(aql_dv(" + v + "))", dir, sql);
  }

  /** The keys for a value {@code v} and its text (a data value's magnitude or value). */
  private static List<String> keys(String v, String text, String dir, Sql sql) {
    String dv = "aql_dv(" + v + ")"; // data value objects sort by magnitude or value
    // a whole DV_DURATION sorts by its length (its value, a String, sorts as text)
    String duration = "case when jsonb_typeof(" + v + ") = 'object' and " + text + " ~ " + sql.bind(Comparisons.DURATION) + " then " + text
        + "::interval end";
    return List.of("aql_num(" + dv + ")" + dir, "aql_ts(" + text + ")" + dir, duration + dir, text + dir);
  }

  private static String render(ColumnExpression expr) {
    if (expr instanceof IdentifiedPath p) {
      return p.render();
    }
    if (expr instanceof AggregateFunction a) {
      String inner = a.getIdentifiedPath() == null ? "*" : a.getIdentifiedPath().render();
      return a.getFunctionName() + "(" + (a instanceof CountDistinctAggregateFunction ? "DISTINCT " : "") + inner + ")";
    }
    if (expr instanceof SingleRowFunction f) {
      List<String> args = new ArrayList<>();
      for (Object operand : f.getOperandList() == null ? List.<Object>of() : f.getOperandList()) {
        args.add(operand instanceof ColumnExpression c ? render(c) : String.valueOf(operand));
      }
      return f.getFunctionName().getName() + "(" + String.join(", ", args) + ")";
    }
    StringBuilder sb = new StringBuilder();
    if (expr instanceof org.ehrbase.openehr.sdk.aql.dto.operand.Primitive<?, ?> p) {
      p.render(sb);
    }
    return sb.toString();
  }
}
