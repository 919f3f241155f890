package se.region.cdr.core.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/** Maps archetype ids to the small ints that content nodes store; entries are never removed. */
public final class ArchetypeDictionary {
  private final DataSource dataSource;
  private final Map<String, Integer> ids = new ConcurrentHashMap<>();

  public ArchetypeDictionary(DataSource dataSource) {
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
  }

  /** The id of an archetype, created (in its own transaction) on first use. */
  public int idOf(String archetypeId, String rmType) {
    Integer id = ids.get(archetypeId);
    if (id != null) {
      return id;
    }
    return Tx.run(dataSource, c -> {
      int created = insertOrGet(c, archetypeId, rmType);
      ids.put(archetypeId, created);
      return created;
    });
  }

  /** The id of a known archetype, or -1 when no stored content uses it. */
  public int find(String archetypeId) {
    Integer id = ids.get(archetypeId);
    if (id != null) {
      return id;
    }
    return Tx.run(dataSource, c -> {
      try (PreparedStatement ps = c.prepareStatement("select id from archetype where archetype_id = ?")) {
        ps.setString(1, archetypeId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return -1;
          }
          ids.put(archetypeId, rs.getInt(1));
          return rs.getInt(1);
        }
      }
    });
  }

  private static int insertOrGet(Connection c, String archetypeId, String rmType) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "insert into archetype (archetype_id, rm_type) values (?, ?) on conflict (archetype_id) do nothing returning id")) {
      ps.setString(1, archetypeId);
      ps.setString(2, rmType);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return rs.getInt(1);
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("select id from archetype where archetype_id = ?")) {
      ps.setString(1, archetypeId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
