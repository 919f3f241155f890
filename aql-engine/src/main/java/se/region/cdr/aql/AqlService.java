package se.region.cdr.aql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.ehrbase.openehr.sdk.aql.dto.AqlQuery;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ErrorCode;
import se.region.cdr.core.store.CompactJson;
import se.region.cdr.core.store.ContentNodes;
import se.region.cdr.core.store.Tx;

/**
 * Runs AQL: parse, compile to one SQL statement, execute it in a read-only transaction with a
 * statement timeout, and turn the rows into result-set JSON. At most {@code rowCap} rows are
 * returned; a larger result is an error that asks for LIMIT or paging.
 */
public final class AqlService {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final DataSource dataSource;
  private final QueryCompiler compiler;
  private final Duration timeout;
  private final int rowCap;

  public AqlService(DataSource dataSource, String systemId, Duration timeout, int rowCap) {
    this.dataSource = dataSource;
    this.compiler = new QueryCompiler(systemId);
    this.timeout = timeout;
    this.rowCap = rowCap;
  }

  /** The result of a query: its columns and rows (JSON values). */
  public record Result(List<QueryCompiler.Column> columns, ArrayNode rows) {}

  /** Compiles on the connection that will run the statement (it reads the declared value indexes). */
  private QueryCompiler.Compiled compile(Connection c, AqlQuery query, Map<String, Object> parameters, Long fetch, Long offset) throws SQLException {
    return compiler.compile(query, parameters, fetch, offset, ValueIndexes.current(c));
  }

  public Result run(String aql, Map<String, Object> parameters, Long fetch, Long offset) {
    AqlQuery query = AqlParsing.parse(aql);
    return Tx.run(dataSource, c -> {
      c.setReadOnly(true);
      QueryCompiler.Compiled compiled = compile(c, query, parameters, fetch, offset);
      settings(c, compiled);
      try (PreparedStatement ps = c.prepareStatement(compiled.sql())) {
        bind(ps, compiled.params());
        ps.setFetchSize(1000);
        ps.setMaxRows(rowCap + 1);
        ArrayNode rows = F.arrayNode();
        try (ResultSet rs = ps.executeQuery()) {
          int n = compiled.columns().size();
          while (rs.next()) {
            if (rows.size() == rowCap) {
              throw new CdrException(ErrorCode.QUERY_TOO_LARGE,
                  "The result has more than " + rowCap + " rows (the configured row cap): add LIMIT, or page with offset and fetch");
            }
            ArrayNode row = rows.addArray();
            for (int i = 0; i < n; i++) {
              row.add(decode(compiled.columns().get(i).value(), rs.getString(i + 1)));
            }
          }
        }
        return new Result(compiled.columns(), rows);
      } catch (SQLException e) {
        throw translate(e);
      }
    });
  }

  /** The SQL of a query and PostgreSQL's EXPLAIN (ANALYZE, BUFFERS) of it (for the admin API). */
  public ObjectNode explain(String aql, Map<String, Object> parameters, Long fetch, Long offset) {
    AqlQuery query = AqlParsing.parse(aql);
    return Tx.run(dataSource, c -> {
      c.setReadOnly(true);
      QueryCompiler.Compiled compiled = compile(c, query, parameters, fetch, offset);
      settings(c, compiled);
      StringBuilder plan = new StringBuilder();
      try (PreparedStatement ps = c.prepareStatement("explain (analyze, buffers) " + compiled.sql())) {
        bind(ps, compiled.params());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            plan.append(rs.getString(1)).append('\n');
          }
        }
      } catch (SQLException e) {
        throw translate(e);
      }
      ObjectNode out = F.objectNode().put("sql", compiled.sql());
      ArrayNode params = out.putArray("parameters");
      compiled.params().forEach(p -> params.add(p instanceof Object[] a ? String.join(",", (String[]) a) : String.valueOf(p)));
      return out.put("plan", plan.toString());
    });
  }

  /**
   * The statement timeout and the plan cache mode (one round trip). A query about given EHRs runs on
   * the plan PostgreSQL keeps for the statement (planning it costs more than running it, and its
   * plan does not depend on the values); any other gets a plan for its values (skewed codes need it).
   */
  private void settings(Connection c, QueryCompiler.Compiled compiled) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select set_config('statement_timeout', ?, true), set_config('plan_cache_mode', ?, true)")) {
      ps.setString(1, Long.toString(timeout.toMillis()));
      ps.setString(2, compiled.givenEhrs() ? "force_generic_plan" : "force_custom_plan");
      ps.executeQuery().close();
    }
  }


  private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      Object p = params.get(i);
      if (p instanceof String[] array) {
        ps.setArray(i + 1, ps.getConnection().createArrayOf("text", array));
      } else if (p instanceof BigDecimal d) {
        ps.setBigDecimal(i + 1, d);
      } else if (p instanceof Long l) {
        ps.setLong(i + 1, l);
      } else if (p instanceof Boolean b) {
        ps.setBoolean(i + 1, b);
      } else {
        ps.setString(i + 1, String.valueOf(p));
      }
    }
  }

  private CdrException translate(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.equals("57014")) {
      return new CdrException(ErrorCode.QUERY_TIMEOUT, "The query ran longer than the statement timeout of " + timeout.toMillis() + " ms", e);
    }
    if (state.startsWith("22") || state.startsWith("42")) {
      return new CdrException(ErrorCode.BAD_REQUEST, "The query could not be run on the stored data: " + e.getMessage(), e);
    }
    return new CdrException(ErrorCode.INTERNAL, "Database error: " + e.getMessage(), e);
  }

  private static JsonNode decode(Value value, String json) {
    if (json == null) {
      return NullNode.instance;
    }
    JsonNode stored = parse(json);
    if (stored.isObject() && stored.has(Value.CANONICAL_MARK)) {
      return stored.get(Value.CANONICAL_MARK); // a row of an object found in the EHR_STATUS (see Value#inStatus)
    }
    return switch (value.shape()) {
      case CANONICAL -> stored;
      case COMPACT -> stored.has("@v") && stored.has("@nodes")
          ? withDescendants(CompactJson.decodeAttribute(value.attribute(), stored.get("@v"), value.partyName()), stored.get("@nodes"))
          : CompactJson.decodeAttribute(value.attribute(), stored, value.partyName());
      case TREE -> tree(stored);
    };
  }

  /** A decoded object whose placeholders name archetyped nodes below it, filled in from their rows. */
  private static JsonNode withDescendants(JsonNode decoded, JsonNode descendants) {
    List<ObjectNode> byNum = decodeNodes(descendants);
    if (byNum.isEmpty() || !decoded.isContainerNode()) {
      return decoded;
    }
    ObjectNode holder = F.objectNode();
    holder.set("v", decoded);
    byNum.set(0, holder); // slot 0 is the composition root, never a descendant
    ContentNodes.assemble(byNum);
    return holder.get("v");
  }

  /** Reassembles an archetype-rooted subtree from its node rows (see PathCompiler#tree). */
  private static JsonNode tree(JsonNode stored) {
    JsonNode rows = stored.get("nodes");
    if (rows == null || !rows.isArray() || rows.isEmpty()) {
      return NullNode.instance;
    }
    int first = rows.get(0).get(0).intValue();
    List<ObjectNode> byNum = decodeNodes(stored);
    ContentNodes.assemble(byNum);
    ObjectNode root = byNum.get(first);
    JsonNode uid = stored.get("uid");
    if (uid != null && uid.isTextual()) {
      root.set("uid", F.objectNode().put("_type", "OBJECT_VERSION_ID").put("value", uid.asText()));
    }
    return root;
  }

  /** Node rows ({@code {"nodes": [[num, archetype id, rm type, data]...], "lang": ...}}) decoded, indexed by number. */
  private static List<ObjectNode> decodeNodes(JsonNode stored) {
    JsonNode rows = stored.get("nodes");
    List<ObjectNode> byNum = new ArrayList<>();
    if (rows == null || !rows.isArray()) {
      return byNum;
    }
    JsonNode lang = stored.get("lang");
    JsonNode language = lang == null || lang.isNull() ? null : CompactJson.decodeAttribute("language", lang, false);
    for (JsonNode row : rows) {
      int num = row.get(0).intValue();
      while (byNum.size() < num) {
        byNum.add(null);
      }
      byNum.add(CompactJson.decode((ObjectNode) row.get(3), row.get(1).asText(), row.get(2).asText(), num == 0, language));
    }
    return byNum;
  }

  private static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new CdrException(ErrorCode.INTERNAL, "Unreadable stored JSON", e);
    }
  }
}
