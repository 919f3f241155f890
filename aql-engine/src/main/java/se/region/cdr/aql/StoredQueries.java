package se.region.cdr.aql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.store.Tx;

/**
 * Stored AQL queries by qualified name ({@code namespace::name}) and semantic version. A lookup
 * with a partial version ("1" or "1.2") or none gets the highest matching version.
 */
public final class StoredQueries {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+(::[A-Za-z0-9_.\\-]+)?");
  private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+)(?:\\.(\\d+))?)?");

  private final DataSource dataSource;

  public StoredQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** One stored query version. */
  public record StoredQuery(String name, String version, String type, String query, OffsetDateTime saved) {}

  /** Stores a query (checked to parse first); 409 when that version exists. */
  public StoredQuery store(String name, String version, String type, String aql) {
    checkName(name);
    Matcher v = version(version, true);
    if (type != null && !type.equalsIgnoreCase("AQL")) {
      throw CdrException.badRequest("Only query type AQL is supported, not " + type);
    }
    AqlParsing.parse(aql);
    return Tx.run(dataSource, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "insert into stored_query (qualified_name, version, major, minor, patch, query_text) values (?, ?, ?, ?, ?, ?)"
              + " on conflict do nothing returning saved")) {
        ps.setString(1, name);
        ps.setString(2, version);
        ps.setInt(3, Integer.parseInt(v.group(1)));
        ps.setInt(4, Integer.parseInt(v.group(2)));
        ps.setInt(5, Integer.parseInt(v.group(3)));
        ps.setString(6, aql);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw CdrException.conflict("Stored query " + name + " version " + version + " already exists");
          }
          return new StoredQuery(name, version, "AQL", aql, rs.getObject(1, OffsetDateTime.class));
        }
      }
    });
  }

  /** The highest version matching a (possibly partial or null) version. */
  public StoredQuery find(String name, String version) {
    checkName(name);
    List<Integer> parts = new ArrayList<>();
    if (version != null && !version.isEmpty()) {
      Matcher v = version(version, false);
      for (int i = 1; i <= 3 && v.group(i) != null; i++) {
        parts.add(Integer.parseInt(v.group(i)));
      }
    }
    String[] columns = {"major", "minor", "patch"};
    StringBuilder sql = new StringBuilder("select qualified_name, version, query_type, query_text, saved from stored_query where qualified_name = ?");
    for (int i = 0; i < parts.size(); i++) {
      sql.append(" and ").append(columns[i]).append(" = ?");
    }
    sql.append(" order by major desc, minor desc, patch desc limit 1");
    Optional<StoredQuery> found = Tx.run(dataSource, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        ps.setString(1, name);
        for (int i = 0; i < parts.size(); i++) {
          ps.setInt(i + 2, parts.get(i));
        }
        List<StoredQuery> rows = read(ps);
        return rows.stream().findFirst();
      }
    });
    return found.orElseThrow(() -> CdrException.notFound("No stored query " + name + (version == null ? "" : " version " + version)));
  }

  /** All versions of the queries whose name matches (null for all), highest version first. */
  public List<StoredQuery> list(String name) {
    return Tx.run(dataSource, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "select qualified_name, version, query_type, query_text, saved from stored_query"
              + (name == null ? "" : " where qualified_name = ? or qualified_name like ? || '::%' or qualified_name like '%::' || ?")
              + " order by qualified_name, major desc, minor desc, patch desc")) {
        if (name != null) {
          ps.setString(1, name);
          ps.setString(2, name);
          ps.setString(3, name);
        }
        return read(ps);
      }
    });
  }

  private static List<StoredQuery> read(PreparedStatement ps) throws SQLException {
    List<StoredQuery> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new StoredQuery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getObject(5, OffsetDateTime.class)));
      }
    }
    return out;
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw CdrException.badRequest("Invalid qualified query name: " + name + " (expected namespace::name)");
    }
  }

  private static Matcher version(String version, boolean full) {
    Matcher m = VERSION.matcher(version == null ? "" : version);
    if (!m.matches() || (full && m.group(3) == null)) {
      throw CdrException.badRequest("Invalid query version: " + version + (full ? " (expected MAJOR.MINOR.PATCH)" : ""));
    }
    return m;
  }
}
