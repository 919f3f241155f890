package se.region.cdr.loader.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.region.cdr.loader.LoadReport;
import se.region.cdr.loader.mapping.Mapping;

/** SQL for {@code load_run}: start or resume a run, finish it, and count its report. */
public final class LoadRunStore {
  private static final int SAMPLES = 20;
  private final short tenant;

  public LoadRunStore(short tenant) {
    this.tenant = tenant;
  }

  /** A run and its checkpoint: records numbered up to lastRecord are committed. */
  public record Run(long id, long lastRecord, boolean resumed) {}

  /**
   * Takes the session lock for (mapping, input) on this connection, so that two processes never
   * run the same load at once; false when another session holds it. Released when the connection closes.
   */
  public boolean lock(Connection c, Mapping mapping, String inputSha256) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(hashtextextended(?, 0))")) {
      ps.setString(1, "cdr.load|" + mapping.id() + "|" + mapping.version() + "|" + inputSha256);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** The unfinished run of this mapping over this input, or a new one. */
  public Run startOrResume(Connection c, Mapping mapping, String inputName, String inputSha256, long bytes) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "select id, last_record from load_run where tenant = ? and mapping_id = ? and mapping_version = ? and input_sha256 = ?"
            + " and status = 'running' order by id desc limit 1")) {
      ps.setShort(1, tenant);
      ps.setString(2, mapping.id());
      ps.setString(3, mapping.version());
      ps.setString(4, inputSha256);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return new Run(rs.getLong(1), rs.getLong(2), true);
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "insert into load_run (tenant, mapping_id, mapping_version, input_name, input_sha256, input_bytes, status, started_at)"
            + " values (?,?,?,?,?,?,'running',?) returning id")) {
      ps.setShort(1, tenant);
      ps.setString(2, mapping.id());
      ps.setString(3, mapping.version());
      ps.setString(4, inputName);
      ps.setString(5, inputSha256);
      ps.setLong(6, bytes);
      ps.setObject(7, OffsetDateTime.now());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Run(rs.getLong(1), 0, false);
      }
    }
  }

  /** Adds a committed batch's counts and moves the checkpoint; runs in the batch's transaction. */
  static void checkpoint(Connection c, long run, long lastRecord, long[] counts) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "update load_run set last_record = greatest(last_record, ?), records_read = records_read + ?, accepted = accepted + ?,"
            + " updated = updated + ?, unchanged = unchanged + ?, rejected = rejected + ?, skipped = skipped + ? where id = ?")) {
      ps.setLong(1, lastRecord);
      for (int i = 0; i < 6; i++) {
        ps.setLong(2 + i, counts[i]);
      }
      ps.setLong(8, run);
      ps.executeUpdate();
    }
  }

  public void finish(Connection c, long run) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("update load_run set status = 'done', finished_at = ? where id = ?")) {
      ps.setObject(1, OffsetDateTime.now());
      ps.setLong(2, run);
      ps.executeUpdate();
    }
  }

  public LoadReport report(Connection c, Run run, String mappingLabel, double seconds, long processedHere) throws SQLException {
    Map<String, Long> byReason = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "select reason_code, count(*) from quarantine where load_run = ? group by reason_code order by count(*) desc, reason_code")) {
      ps.setLong(1, run.id());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byReason.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    List<LoadReport.Sample> samples = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "select record_number, line, record_key, path, rule, reason_code, reason from quarantine where load_run = ? order by record_number limit ?")) {
      ps.setLong(1, run.id());
      ps.setInt(2, SAMPLES);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          samples.add(new LoadReport.Sample(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
              rs.getString(7)));
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "select input_name, input_sha256, status, records_read, accepted, updated, unchanged, rejected, skipped from load_run where id = ?")) {
      ps.setLong(1, run.id());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new LoadReport(run.id(), mappingLabel, rs.getString(1), rs.getString(2), rs.getString(3), run.resumed(), rs.getLong(4),
            rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), byReason, samples, seconds, processedHere);
      }
    }
  }
}
