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
import se.region.cdr.core.ehr.EhrRecord;
import se.region.cdr.core.ehr.StoredVersion;
import se.region.cdr.core.ehr.VersionUid;

/** SQL for the {@code ehr} and {@code ehr_status_version} tables. */
public final class EhrStore {
  private static final String EHR_COLUMNS = "id, ehr_id, created_at, status_uid, status_version, is_queryable, is_modifiable";

  private final String systemId;

  public EhrStore(String systemId) {
    this.systemId = systemId;
  }

  public long insert(Connection c, UUID ehrId, short tenant, OffsetDateTime createdAt, UUID statusUid, StatusFields status) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "insert into ehr (ehr_id, tenant, created_at, subject_namespace, subject_id, status_uid, status_version, is_queryable, is_modifiable)"
            + " values (?,?,?,?,?,?,1,?,?) on conflict do nothing returning id")) {
      ps.setObject(1, ehrId);
      ps.setShort(2, tenant);
      ps.setObject(3, createdAt);
      ps.setString(4, status.subjectNamespace());
      ps.setString(5, status.subjectId());
      ps.setObject(6, statusUid);
      ps.setBoolean(7, status.queryable());
      ps.setBoolean(8, status.modifiable());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    }
  }

  public Optional<EhrRecord> find(Connection c, UUID ehrId, boolean forUpdate) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select " + EHR_COLUMNS + " from ehr where ehr_id = ?" + (forUpdate ? " for update" : ""))) {
      ps.setObject(1, ehrId);
      return one(ps);
    }
  }

  public Optional<EhrRecord> findBySubject(Connection c, short tenant, String namespace, String subjectId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "select " + EHR_COLUMNS + " from ehr where tenant = ? and subject_namespace = ? and subject_id = ?")) {
      ps.setShort(1, tenant);
      ps.setString(2, namespace);
      ps.setString(3, subjectId);
      return one(ps);
    }
  }

  public boolean subjectTaken(Connection c, short tenant, String namespace, String subjectId, long exceptEhr) throws SQLException {
    if (subjectId == null) {
      return false;
    }
    Optional<EhrRecord> other = findBySubject(c, tenant, namespace, subjectId);
    return other.isPresent() && other.get().id() != exceptEhr;
  }

  public void insertStatusVersion(Connection c, long ehr, int version, long contribution, int changeType, ObjectNode data) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "insert into ehr_status_version (ehr, version, contribution, change_type, data) values (?,?,?,?,?::jsonb)")) {
      ps.setLong(1, ehr);
      ps.setInt(2, version);
      ps.setLong(3, contribution);
      ps.setInt(4, changeType);
      ps.setString(5, data.toString());
      ps.executeUpdate();
    }
  }

  public void updateStatusHead(Connection c, long ehr, int version, StatusFields status) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "update ehr set status_version = ?, subject_namespace = ?, subject_id = ?, is_queryable = ?, is_modifiable = ? where id = ?")) {
      ps.setInt(1, version);
      ps.setString(2, status.subjectNamespace());
      ps.setString(3, status.subjectId());
      ps.setBoolean(4, status.queryable());
      ps.setBoolean(5, status.modifiable());
      ps.setLong(6, ehr);
      ps.executeUpdate();
    }
  }

  /** All versions of an EHR's status, oldest first. */
  public List<StoredVersion> statusVersions(Connection c, EhrRecord ehr) throws SQLException {
    List<StoredVersion> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "select s.version, s.data::text, " + ContributionStore.AUDIT_COLUMNS
            + " from ehr_status_version s join contribution k on k.id = s.contribution where s.ehr = ? order by s.version")) {
      ps.setLong(1, ehr.id());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ObjectNode data = Json.object(rs.getString(2));
          out.add(new StoredVersion(new VersionUid(ehr.statusUid(), systemId, rs.getInt(1)), ContributionStore.audit(rs, 3), false, data));
        }
      }
    }
    return out;
  }

  /** Removes an EHR and everything in it (admin, test mode). Returns false when it did not exist. */
  public boolean delete(Connection c, UUID ehrId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "with e as (select id from ehr where ehr_id = ?),"
            + " n as (delete from comp_node where ehr in (select id from e)),"
            + " h as (delete from comp_node_hist where ehr in (select id from e))"
            + " delete from ehr where id in (select id from e)")) {
      ps.setObject(1, ehrId);
      return ps.executeUpdate() > 0;
    }
  }

  private static Optional<EhrRecord> one(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      return Optional.of(new EhrRecord(
          rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, OffsetDateTime.class), rs.getObject(4, UUID.class),
          rs.getInt(5), rs.getBoolean(6), rs.getBoolean(7)));
    }
  }

  /** The EHR_STATUS fields the ehr table keeps for lookups and query filters. */
  public record StatusFields(String subjectNamespace, String subjectId, boolean queryable, boolean modifiable) {}
}
