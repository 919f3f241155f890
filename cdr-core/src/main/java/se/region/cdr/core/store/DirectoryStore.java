package se.region.cdr.core.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import se.region.cdr.core.ehr.StoredVersion;
import se.region.cdr.core.ehr.VersionUid;

/** SQL for the {@code directory} (head per EHR) and {@code directory_version} tables (V6). */
public final class DirectoryStore {
  private final String systemId;

  public DirectoryStore(String systemId) {
    this.systemId = systemId;
  }

  /** The head of an EHR's directory: versioned object id, latest version, whether that version deletes it. */
  public record Head(UUID uid, int version, boolean deleted) {}

  public Optional<Head> head(Connection c, long ehr, boolean forUpdate) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select uid, version, deleted from directory where ehr = ?" + (forUpdate ? " for update" : ""))) {
      ps.setLong(1, ehr);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Head(rs.getObject(1, UUID.class), rs.getInt(2), rs.getBoolean(3))) : Optional.empty();
      }
    }
  }

  /** True when another EHR's directory already has this versioned object id. */
  public boolean uidTaken(Connection c, UUID uid) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select 1 from directory where uid = ?")) {
      ps.setObject(1, uid);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  public void insertHead(Connection c, long ehr, short tenant, UUID uid, OffsetDateTime createdAt) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("insert into directory (ehr, tenant, uid, version, deleted, created_at) values (?,?,?,1,false,?)")) {
      ps.setLong(1, ehr);
      ps.setShort(2, tenant);
      ps.setObject(3, uid);
      ps.setObject(4, createdAt);
      ps.executeUpdate();
    }
  }

  public void updateHead(Connection c, long ehr, int version, boolean deleted) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("update directory set version = ?, deleted = ? where ehr = ?")) {
      ps.setInt(1, version);
      ps.setBoolean(2, deleted);
      ps.setLong(3, ehr);
      ps.executeUpdate();
    }
  }

  /** Stores one version: the root FOLDER's canonical JSON, or null for a deletion. */
  public void insertVersion(Connection c, long ehr, int version, long contribution, int changeType, ObjectNode data) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "insert into directory_version (ehr, version, contribution, change_type, deleted, data) values (?,?,?,?,?,?::jsonb)")) {
      ps.setLong(1, ehr);
      ps.setInt(2, version);
      ps.setLong(3, contribution);
      ps.setInt(4, changeType);
      ps.setBoolean(5, data == null);
      ps.setString(6, data == null ? null : data.toString());
      ps.executeUpdate();
    }
  }

  /** All versions of an EHR's directory, oldest first (empty when it never had one). */
  public List<StoredVersion> versions(Connection c, long ehr) throws SQLException {
    List<StoredVersion> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "select d.uid, v.version, v.deleted, v.data::text, " + ContributionStore.AUDIT_COLUMNS
            + " from directory d join directory_version v on v.ehr = d.ehr join contribution k on k.id = v.contribution"
            + " where d.ehr = ? order by v.version")) {
      ps.setLong(1, ehr);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String data = rs.getString(4);
          out.add(new StoredVersion(new VersionUid(rs.getObject(1, UUID.class), systemId, rs.getInt(2)), ContributionStore.audit(rs, 5),
              rs.getBoolean(3), data == null ? null : Json.object(data)));
        }
      }
    }
    return out;
  }
}
