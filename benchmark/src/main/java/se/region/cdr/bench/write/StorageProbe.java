package se.region.cdr.bench.write;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the server's PostgreSQL directly (optional): version and settings, {@code VACUUM ANALYZE}
 * plus checkpoint after a load, and table sizes over all non-system schemas.
 */
final class StorageProbe implements AutoCloseable {

  static final List<String> SETTINGS =
      List.of(
          "server_version",
          "shared_buffers",
          "effective_cache_size",
          "work_mem",
          "maintenance_work_mem",
          "random_page_cost",
          "synchronous_commit",
          "max_wal_size",
          "checkpoint_timeout",
          "max_connections",
          "jit");

  private static final String SIZES =
      """
      SELECT n.nspname || '.' || c.relname AS name,
             pg_total_relation_size(c.oid) AS total,
             pg_indexes_size(c.oid) AS indexes,
             COALESCE(pg_total_relation_size(NULLIF(c.reltoastrelid, 0)), 0) AS toast
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'm')
        AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND n.nspname NOT LIKE 'pg_toast%'
        AND n.nspname NOT LIKE 'pg_temp%'
      ORDER BY total DESC
      """;

  private static final int LARGEST_KEPT = 10;

  private final Connection connection;

  StorageProbe(String jdbcUrl, String user, String password) throws SQLException {
    this.connection =
        DriverManager.getConnection(requireNonNull(jdbcUrl, "jdbcUrl is null"), user, password);
    connection.setAutoCommit(true);
  }

  Map<String, String> settings() throws SQLException {
    Map<String, String> settings = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement()) {
      for (String name : SETTINGS) {
        try (ResultSet rs =
            statement.executeQuery("SELECT current_setting('" + name + "', true)")) {
          rs.next();
          settings.put(name, rs.getString(1));
        }
      }
    }
    return settings;
  }

  /** {@code VACUUM ANALYZE} of the whole database, then a checkpoint when allowed. */
  void vacuumAnalyze() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("VACUUM ANALYZE");
      try {
        statement.execute("CHECKPOINT");
      } catch (SQLException notSuperuser) {
        // Sizes do not depend on the checkpoint; it only evens out the next phase's start.
      }
    }
  }

  StorageSnapshot measure() throws SQLException {
    long total = 0;
    long indexes = 0;
    long toast = 0;
    List<StorageSnapshot.TableSize> tables = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(SIZES)) {
      while (rs.next()) {
        long tableTotal = rs.getLong("total");
        long tableIndexes = rs.getLong("indexes");
        long tableToast = rs.getLong("toast");
        total += tableTotal;
        indexes += tableIndexes;
        toast += tableToast;
        if (tables.size() < LARGEST_KEPT) {
          tables.add(
              new StorageSnapshot.TableSize(
                  rs.getString("name"),
                  tableTotal,
                  tableTotal - tableIndexes - tableToast,
                  tableIndexes,
                  tableToast));
        }
      }
    }
    return new StorageSnapshot(total, total - indexes - toast, indexes, toast, tables);
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
