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
 * statement timeout, and hand the rows out one by one as result-set JSON values, straight from a
 * database cursor. A result of more than {@code rowCap} rows is an error that asks for LIMIT or
 * paging.
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

  /** Compiles on the connection that will run the statement (it reads the declared value indexes). */
  private QueryCompiler.Compiled compile(Connection c, AqlQuery query, Map<String, Object> parameters, Long fetch, Long offset) throws SQLException {
    return compiler.compile(query, parameters, fetch, offset, ValueIndexes.current(c));
  }

  /**
   * A query that is running: its columns, how many rows it has, and the rows themselves, read from
   * a database cursor one at a time as the caller writes them out. Holds a connection and its
   * read-only transaction until closed.
   */
  public static final class Rows implements AutoCloseable {
    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet resultSet;
    private final List<QueryCompiler.Column> columns;
    private final long size;
    private boolean firstPending;
    private boolean closed;

    private Rows(Connection connection, PreparedStatement statement, ResultSet resultSet, List<QueryCompiler.Column> columns, long size) {
      this.connection = connection;
      this.statement = statement;
      this.resultSet = resultSet;
      this.columns = columns;
      this.size = size;
      this.firstPending = size > 0;
    }

    public List<QueryCompiler.Column> columns() {
      return columns;
    }

    /** The number of rows (known before the first is read: PostgreSQL counts them). */
    public long size() {
      return size;
    }

    /** The next row's values, or null after the last. */
    public ArrayNode next() {
      try {
        if (firstPending) {
          firstPending = false;
        } else if (!resultSet.next()) {
          return null;
        }
        ArrayNode row = F.arrayNode(columns.size());
        for (int i = 0; i < columns.size(); i++) {
          row.add(decode(columns.get(i).value(), resultSet.getString(i + 1)));
        }
        return row;
      } catch (SQLException e) {
        throw new CdrException(ErrorCode.INTERNAL, "Database error while reading the result: " + e.getMessage(), e);
      }
    }

    /** Ends the query (the read-only transaction is rolled back); a second call does nothing. */
    @Override
    public void close() {
      if (!closed) {
        closed = true;
        closeQuietly(resultSet, statement, connection);
      }
    }
  }

  /**
   * Starts a query. The statement runs inside a wrapper that counts its rows, up to one more than
   * the row cap, in PostgreSQL (which spills to disk what does not fit its memory), so a result over
   * the cap is refused before any row is sent, and the caller can say how many rows follow. The
   * rows themselves then come from a cursor, 1,000 at a time: the server never holds the result.
   */
  public Rows open(String aql, Map<String, Object> parameters, Long fetch, Long offset) {
    AqlQuery query = AqlParsing.parse(aql);
    Connection c = null;
    PreparedStatement ps = null;
    ResultSet rs = null;
    try {
      c = dataSource.getConnection();
      c.setAutoCommit(false); // a cursor needs a transaction
      c.setReadOnly(true);
      QueryCompiler.Compiled compiled = compile(c, query, parameters, fetch, offset);
      settings(c, compiled);
      ps = c.prepareStatement(counted(compiled.sql()));
      bind(ps, compiled.params());
      ps.setFetchSize(1000);
      rs = ps.executeQuery();
      long size = rs.next() ? rs.getLong(compiled.columns().size() + 1) : 0;
      if (size > rowCap) {
        throw new CdrException(ErrorCode.QUERY_TOO_LARGE,
            "The result has more than " + rowCap + " rows (the configured row cap): add LIMIT, or page with offset and fetch");
      }
      return new Rows(c, ps, rs, compiled.columns(), size);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(rs, ps, c);
      throw e instanceof SQLException sql ? translate(sql) : (RuntimeException) e;
    }
  }

  /**
   * The compiled statement with its row count as one more column. The cap is a number of the
   * server's configuration, written into the SQL so the planner sees it (a bound LIMIT in a generic
   * plan would be planned as an unknown).
   */
  private String counted(String sql) {
    return "select q.*, count(*) over () from (select * from (\n" + sql + "\n) q0 limit " + (rowCap + 1L) + ") q";
  }

  private static void closeQuietly(AutoCloseable... resources) {
    for (AutoCloseable r : resources) {
      if (r != null) {
        try (r) {
          if (r instanceof Connection c && !c.isClosed()) {
            c.rollback(); // read-only: nothing to keep
          }
        } catch (Exception ignored) {
          // the query is over (or already failed, and that error is the one to report)
        }
      }
    }
  }

  /** The SQL of a query and PostgreSQL's EXPLAIN (ANALYZE, BUFFERS) of it (for the admin API). */
  public ObjectNode explain(String aql, Map<String, Object> parameters, Long fetch, Long offset) {
    AqlQuery query = AqlParsing.parse(aql);
    return Tx.run(dataSource, c -> {
      c.setReadOnly(true);
      QueryCompiler.Compiled compiled = compile(c, query, parameters, fetch, offset);
      settings(c, compiled);
      StringBuilder plan = new StringBuilder();
      try (PreparedStatement ps = c.prepareStatement("explain (analyze, buffers) " + counted(compiled.sql()))) {
        bind(ps, compiled.params());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            plan.append(rs.getString(1)).append('\n');
          }
        }
      } catch (SQLException e) {
        throw translate(e);
      }
      ObjectNode out = F.objectNode().put("sql", counted(compiled.sql()));
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
