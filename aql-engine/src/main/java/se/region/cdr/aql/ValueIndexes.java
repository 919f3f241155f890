package se.region.cdr.aql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.ehrbase.openehr.sdk.aql.dto.AqlQuery;
import org.ehrbase.openehr.sdk.aql.dto.operand.IdentifiedPath;
import org.ehrbase.openehr.sdk.aql.dto.path.AqlObjectPath;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.store.ContentNodes;
import se.region.cdr.core.store.Tx;

/**
 * Declared AQL value indexes: an archetype and a path below it whose values (numbers, strings) are
 * kept in {@code aql_value}, so that a WHERE comparison on that path reads an index range instead
 * of the JSON of every node of the archetype. PostgreSQL keeps the values current itself (statement
 * triggers on {@code comp_node}, see migration V10) with the extraction SQL compiled here from the
 * path, exactly as a query reads it; {@link Conditions} uses an index only where the result is the
 * same as without it.
 */
public final class ValueIndexes {
  private final DataSource dataSource;

  public ValueIndexes(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A declared index: its id, the archetype and the path (as AQL renders it). */
  public record ValueIndex(int id, String archetypeId, String path) {}

  /** A declared index, how many values it holds, and whether this call declared it. */
  public record Declared(ValueIndex index, long values, boolean created) {}

  /**
   * Declares an index and fills it from the stored compositions (in one transaction that holds
   * writers back, so no value is missed). Declaring a declared index again returns it unchanged.
   */
  public Declared declare(String archetypeId, String path) {
    if (archetypeId == null || !ContentNodes.isArchetypeId(archetypeId)) {
      throw CdrException.badRequest("An index needs an archetype id (e.g. openEHR-EHR-OBSERVATION.blood_pressure.v2), not: " + archetypeId);
    }
    String rendered = parse(archetypeId, path).render();
    Sql.Statement extraction = extraction(archetypeId, rendered);
    Declared declared = Tx.run(dataSource, c -> {
      try (Statement s = c.createStatement()) {
        s.execute("lock table comp_node in share row exclusive mode"); // no writes (and no other declaration) until committed
      }
      ValueIndex existing = find(c, archetypeId, rendered);
      if (existing != null) {
        return new Declared(existing, count(c, existing.id()), false);
      }
      int id;
      try (PreparedStatement ps = c.prepareStatement(
          "insert into aql_index (archetype_id, path, extract_sql, extract_params) values (?, ?, ?, ?) returning id")) {
        ps.setString(1, archetypeId);
        ps.setString(2, rendered);
        ps.setString(3, extraction.text());
        ps.setArray(4, c.createArrayOf("text", extraction.params().toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          id = rs.getInt(1);
        }
      }
      long values;
      try (PreparedStatement ps = c.prepareStatement("select aql_index_fill(?)")) {
        ps.setInt(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          values = rs.getLong(1);
        }
      }
      triggers(c);
      return new Declared(new ValueIndex(id, archetypeId, rendered), values, true);
    });
    if (declared.created()) {
      // after the commit (VACUUM runs outside a transaction): the planner needs the new values'
      // distribution at once, and index-only scans a visibility map that covers them (else every
      // value read visits the table too until autovacuum comes by)
      Tx.single(dataSource, c -> {
        try (Statement s = c.createStatement()) {
          s.execute("vacuum (analyze) aql_value");
        }
        return null;
      });
    }
    return declared;
  }

  /** Removes an index and its values; false when there is none with this id. */
  public boolean drop(int id) {
    return Tx.run(dataSource, c -> {
      int removed;
      try (PreparedStatement ps = c.prepareStatement("delete from aql_index where id = ?")) {
        ps.setInt(1, id);
        removed = ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("delete from aql_value where ix = ?")) {
        ps.setInt(1, id);
        ps.executeUpdate();
      }
      triggers(c);
      return removed > 0;
    });
  }

  /** The declared indexes with their value counts. */
  public List<Declared> list() {
    return Tx.run(dataSource, c -> {
      List<Declared> out = new ArrayList<>();
      for (ValueIndex index : current(c)) {
        out.add(new Declared(index, count(c, index.id()), false));
      }
      return out;
    });
  }

  /** The declared indexes, read on the connection of the query that may use them. */
  static List<ValueIndex> current(Connection c) throws SQLException {
    List<ValueIndex> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select id, archetype_id, path from aql_index order by id")) {
      while (rs.next()) {
        out.add(new ValueIndex(rs.getInt(1), rs.getString(2), rs.getString(3)));
      }
    }
    return out;
  }

  /**
   * The INSERT into {@code aql_value} of the values the path reaches in the rows of {@code
   * aql_index_nodes} (see migration V10): the path compiled as a WHERE clause reads it, each list
   * step a join, so one row per value.
   */
  static Sql.Statement extraction(String archetypeId, String path) {
    AqlObjectPath parsed = parse(archetypeId, path);
    Sql sql = new Sql();
    PathCompiler paths = new PathCompiler(sql, "", new Operands(Map.of()));
    Var node = new Var("x", Var.Kind.NODE, rmType(archetypeId), "n");
    node.node = "n";
    node.ehr = "n.ehr";
    Sql joins = sql.nested();
    Value value = paths.compile(node, parsed, joins);
    if (value.shape() == Value.Shape.TREE) {
      throw CdrException.badRequest("An index path must end below an archetyped node, at a value: " + path);
    }
    // the composition row (its start time) is written before its nodes, also for a new version
    String text = "insert into aql_value (ix, ehr, composition, num, start_time, n, t)\nselect $2, n.ehr, n.composition, n.num, wc.start_time,"
        + " aql_num(aql_dv(w.v)), case when jsonb_typeof(w.v) = 'string' then w.v #>> '{}' end\nfrom aql_index_nodes n"
        + "\njoin composition wc on wc.id = n.composition" + joins.from
        + "\ncross join lateral (select " + value.sql() + " as v) w"
        + "\nwhere n.archetype in (select id from archetype where archetype_id = " + sql.bind(archetypeId) + ")"
        + " and (jsonb_typeof(aql_dv(w.v)) = 'number' or jsonb_typeof(w.v) = 'string')";
    return sql.finishAsArray(text);
  }

  /** The path, parsed as the AQL parser reads it in a query on a variable of the archetype. */
  private static AqlObjectPath parse(String archetypeId, String path) {
    if (path == null || path.isBlank()) {
      throw CdrException.badRequest("An index needs a path below the archetype, e.g. data[at0001]/events[at0006]/data[at0003]/items[at0004]/value/magnitude");
    }
    String relative = path.startsWith("/") ? path.substring(1) : path;
    AqlQuery query = AqlParsing.parse("SELECT x/" + relative + " FROM " + rmType(archetypeId) + " x[" + archetypeId + "]");
    return ((IdentifiedPath) query.getSelect().getStatement().get(0).getColumnExpression()).getPath();
  }

  /** The RM type of an archetype id: {@code openEHR-EHR-OBSERVATION.x.v1} is an OBSERVATION. */
  private static String rmType(String archetypeId) {
    String qualified = archetypeId.substring(0, archetypeId.indexOf('.'));
    return qualified.substring(qualified.lastIndexOf('-') + 1);
  }

  private static ValueIndex find(Connection c, String archetypeId, String path) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select id from aql_index where archetype_id = ? and path = ?")) {
      ps.setString(1, archetypeId);
      ps.setString(2, path);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new ValueIndex(rs.getInt(1), archetypeId, path) : null;
      }
    }
  }

  private static long count(Connection c, int id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select count(*) from aql_value where ix = ?")) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void triggers(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("select aql_value_triggers()");
    }
  }
}
