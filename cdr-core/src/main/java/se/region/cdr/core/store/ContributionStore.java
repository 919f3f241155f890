package se.region.cdr.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import se.region.cdr.core.ehr.Audit;
import se.region.cdr.core.ehr.ChangeType;
import se.region.cdr.core.ehr.VersionUid;

/** SQL for the {@code contribution} table. */
public final class ContributionStore {
  /** Audit columns of contribution alias k, read back by {@link #audit(ResultSet, int)}. */
  static final String AUDIT_COLUMNS =
      "k.committed_at, k.change_type, (select p.data::text from committer p where p.id = k.committer_id), k.description, k.uid";

  /**
   * SQL for the committer id of a contribution from its PARTY_PROXY JSON (one parameter): the
   * {@code committer} dictionary holds each committer once (V8), added on first use.
   */
  public static final String COMMITTER_ID = "(select committer_id(?::jsonb))";

  private final String systemId;

  public ContributionStore(String systemId) {
    this.systemId = systemId;
  }

  public long insert(Connection c, UUID uid, long ehr, Audit audit) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "insert into contribution (uid, ehr, committed_at, change_type, committer_id, description) values (?,?,?,?," + COMMITTER_ID + ",?) returning id")) {
      ps.setObject(1, uid);
      ps.setLong(2, ehr);
      ps.setObject(3, audit.committedAt());
      ps.setInt(4, audit.changeType().code());
      ps.setString(5, audit.committer().toString());
      ps.setString(6, audit.description());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * Inserts a contribution to the EHR with a given ehr_id if that EHR exists and is modifiable,
   * returning (id, ehr), or no row: the body of a CTE, so that the EHR check and the contribution
   * go into the statement that stores the content. Parameters: {@link #bindInsertIfModifiable}.
   */
  static final String INSERT_IF_MODIFIABLE = "insert into contribution (uid, ehr, committed_at, change_type, committer_id, description)"
      + " select ?, e.id, ?, ?, " + COMMITTER_ID + ", ? from ehr e where e.ehr_id = ? and e.is_modifiable returning id, ehr";

  /** Binds {@link #INSERT_IF_MODIFIABLE} from parameter {@code first} on; returns the next parameter index. */
  static int bindInsertIfModifiable(PreparedStatement ps, int first, UUID uid, UUID ehrId, Audit audit) throws SQLException {
    ps.setObject(first, uid);
    ps.setObject(first + 1, audit.committedAt());
    ps.setInt(first + 2, audit.changeType().code());
    ps.setString(first + 3, audit.committer().toString());
    ps.setString(first + 4, audit.description());
    ps.setObject(first + 5, ehrId);
    return first + 6;
  }

  static Audit audit(ResultSet rs, int first) throws SQLException {
    return new Audit(
        rs.getObject(first, OffsetDateTime.class),
        ChangeType.ofCode(rs.getInt(first + 1)),
        Json.object(rs.getString(first + 2)),
        rs.getString(first + 3),
        rs.getObject(first + 4, UUID.class));
  }

  /** A contribution of an EHR with the uids of the versions it holds, or empty. */
  public Optional<StoredContribution> find(Connection c, long ehr, UUID uid, UUID statusUid) throws SQLException {
    Audit audit;
    long id;
    try (PreparedStatement ps = c.prepareStatement("select k.id, " + AUDIT_COLUMNS + " from contribution k where k.ehr = ? and k.uid = ?")) {
      ps.setLong(1, ehr);
      ps.setObject(2, uid);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        id = rs.getLong(1);
        audit = audit(rs, 2);
      }
    }
    List<VersionRef> versions = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "select c.uid, v.version, 'COMPOSITION' from composition_version v join composition c on c.id = v.composition where v.contribution = ?"
            + " union all select ?::uuid, s.version, 'EHR_STATUS' from ehr_status_version s where s.contribution = ?"
            + " union all select d.uid, f.version, 'FOLDER' from directory_version f join directory d on d.ehr = f.ehr where f.contribution = ?")) {
      ps.setLong(1, id);
      ps.setObject(2, statusUid);
      ps.setLong(3, id);
      ps.setLong(4, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          versions.add(new VersionRef(new VersionUid(rs.getObject(1, UUID.class), systemId, rs.getInt(2)), rs.getString(3)));
        }
      }
    }
    return Optional.of(new StoredContribution(uid, audit, versions));
  }

  /** A stored contribution: its audit and the versions it committed. */
  public record StoredContribution(UUID uid, Audit audit, List<VersionRef> versions) {}

  /** A reference to one committed version and the RM type of its object. */
  public record VersionRef(VersionUid uid, String type) {}
}
