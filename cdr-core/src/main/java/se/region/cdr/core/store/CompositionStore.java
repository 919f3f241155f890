package se.region.cdr.core.store;

import com.fasterxml.jackson.databind.JsonNode;
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
import se.region.cdr.core.ehr.Audit;
import se.region.cdr.core.ehr.ChangeType;
import se.region.cdr.core.ehr.StoredVersion;
import se.region.cdr.core.ehr.VersionUid;

/**
 * SQL for versioned compositions: the {@code composition} head row, one {@code composition_version}
 * row per version, and content nodes in {@code comp_node} (head) and {@code comp_node_hist} (older).
 */
public final class CompositionStore {
  private final String systemId;

  public CompositionStore(String systemId) {
    this.systemId = systemId;
  }

  /** Content of one new version, split into nodes whose archetypes are already in the dictionary. */
  public record Content(List<ContentNode> nodes, int[] archetypeIds, OffsetDateTime startTime) {}

  /** The head row of a versioned composition. */
  public record Head(long id, UUID uid, long ehr, int version, boolean deleted, int template, OffsetDateTime createdAt) {}

  /** Inserts version 1 of a new composition; returns its id, or -1 when the uid is taken. */
  public long insertFirst(Connection c, UUID uid, long ehr, short tenant, int template, long contribution, OffsetDateTime at, Content content)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "with k as (select ?::bigint as id, ?::bigint as ehr)," + FIRST_VERSION.formatted("on conflict (uid) do nothing"))) {
      ps.setLong(1, contribution);
      ps.setLong(2, ehr);
      bindFirstVersion(c, ps, 3, uid, tenant, template, at, content);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    }
  }

  /**
   * Inserts version 1 of a new composition and its contribution to the EHR with the given ehr_id,
   * in one statement (atomic on its own, so it needs no transaction block); returns the
   * composition's id, or -1 when the EHR does not exist or is not modifiable (then nothing is
   * stored). A taken uid fails the statement with a unique violation (SQL state 23505).
   */
  public long insertFirstWithContribution(Connection c, UUID uid, UUID ehrId, short tenant, int template, Audit audit, Content content)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "with k as (" + ContributionStore.INSERT_IF_MODIFIABLE + ")," + FIRST_VERSION.formatted(""))) {
      int next = ContributionStore.bindInsertIfModifiable(ps, 1, audit.contributionUid(), ehrId, audit);
      bindFirstVersion(c, ps, next, uid, tenant, template, audit.committedAt(), content);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    }
  }

  /**
   * Version 1 of a composition, its version row and its content nodes, after a CTE {@code k (id,
   * ehr)} holding its contribution; formatted with the uid conflict clause.
   */
  private static final String FIRST_VERSION =
      " comp as (insert into composition (uid, ehr, tenant, template, version, created_at, committed_at, start_time)"
          + " select ?, k.ehr, ?, ?, 1, ?, ?, ? from k %s returning id, ehr),"
          + " v as (insert into composition_version (composition, version, contribution, change_type, deleted)"
          + " select comp.id, 1, k.id, 249, false from comp, k),"
          + " n as (" + insertNodes("comp.id", "comp.ehr", "comp,") + ")"
          + " select id from comp";

  private static void bindFirstVersion(Connection c, PreparedStatement ps, int first, UUID uid, short tenant, int template,
      OffsetDateTime at, Content content) throws SQLException {
    ps.setObject(first, uid);
    ps.setShort(first + 1, tenant);
    ps.setInt(first + 2, template);
    ps.setObject(first + 3, at);
    ps.setObject(first + 4, at);
    ps.setObject(first + 5, content.startTime());
    bindNodes(c, ps, first + 6, StoredContent.of(content));
  }

  public Optional<Head> findHead(Connection c, UUID uid, boolean forUpdate) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "select id, uid, ehr, version, deleted, template, created_at from composition where uid = ?" + (forUpdate ? " for update" : ""))) {
      ps.setObject(1, uid);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Head(rs.getLong(1), rs.getObject(2, UUID.class), rs.getLong(3), rs.getInt(4), rs.getBoolean(5),
            rs.getInt(6), rs.getObject(7, OffsetDateTime.class)));
      }
    }
  }

  /**
   * Appends a version after the (locked) head: moves the head's content to history, then stores
   * the new content, or none for a deletion.
   */
  public void appendVersion(Connection c, Head head, long contribution, int changeType, OffsetDateTime at, Content content, int template)
      throws SQLException {
    appendVersion(c, head, contribution, changeType, at, content == null ? null : StoredContent.of(content), template);
  }

  /** {@link #appendVersion(Connection, Head, long, int, OffsetDateTime, Content, int)} with content already in stored form. */
  public void appendVersion(Connection c, Head head, long contribution, int changeType, OffsetDateTime at, StoredContent content, int template)
      throws SQLException {
    int next = head.version() + 1;
    boolean deleted = content == null;
    if (!head.deleted()) {
      try (PreparedStatement ps = c.prepareStatement(
          "with moved as (delete from comp_node where composition = ? returning *)"
              + " insert into comp_node_hist (composition, version, num, num_cap, ehr, archetype, data)"
              + " select composition, ?, num, num_cap, ehr, archetype, data from moved")) {
        ps.setLong(1, head.id());
        ps.setInt(2, head.version());
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "with v as (insert into composition_version (composition, version, contribution, change_type, deleted) values (?,?,?,?,?))"
            + " update composition set version = ?, deleted = ?, committed_at = ?, start_time = coalesce(?, start_time), template = ? where id = ?")) {
      ps.setLong(1, head.id());
      ps.setInt(2, next);
      ps.setLong(3, contribution);
      ps.setInt(4, changeType);
      ps.setBoolean(5, deleted);
      ps.setInt(6, next);
      ps.setBoolean(7, deleted);
      ps.setObject(8, at);
      ps.setObject(9, deleted ? null : content.startTime());
      ps.setInt(10, template);
      ps.setLong(11, head.id());
      ps.executeUpdate();
    }
    if (!deleted) {
      insertNodes(c, head.id(), head.ehr(), content);
    }
  }

  /**
   * SQL inserting the content nodes of one version in one statement: the node columns go in as
   * arrays ({@link #bindNodes}), unnested into rows.
   */
  private static String insertNodes(String composition, String ehr, String fromItem) {
    return "insert into comp_node (composition, num, num_cap, ehr, archetype, data)"
        + " select " + composition + ", x.num, x.num_cap, " + ehr + ", x.archetype, x.data::jsonb"
        + " from " + fromItem + " unnest(?::int[], ?::int[], ?::int[], ?::text[]) as x(num, num_cap, archetype, data)";
  }

  private static void insertNodes(Connection c, long composition, long ehr, StoredContent content) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(insertNodes("?::bigint", "?::bigint", ""))) {
      ps.setLong(1, composition);
      ps.setLong(2, ehr);
      bindNodes(c, ps, 3, content);
      ps.executeUpdate();
    }
  }

  /** Binds the four node arrays of {@link #insertNodes(String, String, String)} from parameter {@code first} on. */
  private static void bindNodes(Connection c, PreparedStatement ps, int first, StoredContent content) throws SQLException {
    Integer[] num = new Integer[content.size()];
    Integer[] numCap = new Integer[content.size()];
    Integer[] archetype = new Integer[content.size()];
    for (int i = 0; i < num.length; i++) {
      num[i] = content.num()[i];
      numCap[i] = content.numCap()[i];
      archetype[i] = content.archetypeIds()[i];
    }
    ps.setArray(first, c.createArrayOf("int4", num));
    ps.setArray(first + 1, c.createArrayOf("int4", numCap));
    ps.setArray(first + 2, c.createArrayOf("int4", archetype));
    ps.setArray(first + 3, c.createArrayOf("text", content.data()));
  }

  /** Every version of a composition with its audit, oldest first; content is not loaded. */
  public List<StoredVersion> versions(Connection c, Head head) throws SQLException {
    List<StoredVersion> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "select v.version, v.deleted, v.change_type, " + ContributionStore.AUDIT_COLUMNS
            + " from composition_version v join contribution k on k.id = v.contribution where v.composition = ? order by v.version")) {
      ps.setLong(1, head.id());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Audit contribution = ContributionStore.audit(rs, 4);
          Audit audit = new Audit(contribution.committedAt(), ChangeType.ofCode(rs.getInt(3)),
              contribution.committer(), contribution.description(), contribution.contributionUid());
          out.add(new StoredVersion(new VersionUid(head.uid(), systemId, rs.getInt(1)), audit, rs.getBoolean(2), null));
        }
      }
    }
    return out;
  }

  /** The canonical JSON of one version (head or older), or null for a deletion or unknown version. */
  public ObjectNode content(Connection c, Head head, int version) throws SQLException {
    boolean isHead = version == head.version();
    if (isHead && head.deleted()) {
      return null;
    }
    String columns = "select n.num, a.archetype_id, a.rm_type, n.data::text from ";
    String sql = isHead
        ? columns + "comp_node n join archetype a on a.id = n.archetype where n.composition = ? order by n.num"
        : columns + "comp_node_hist n join archetype a on a.id = n.archetype where n.composition = ? and n.version = ? order by n.num";
    List<ObjectNode> nodes = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, head.id());
      if (!isHead) {
        ps.setInt(2, version);
      }
      try (ResultSet rs = ps.executeQuery()) {
        JsonNode language = null;
        while (rs.next()) {
          boolean root = nodes.isEmpty();
          ObjectNode node = CompactJson.decode(Json.object(rs.getString(4)), rs.getString(2), rs.getString(3), root, language);
          if (root) {
            language = node.get("language");
          }
          nodes.add(node);
        }
      }
    }
    if (nodes.isEmpty()) {
      return null;
    }
    ObjectNode composition = ContentNodes.assemble(nodes);
    new VersionUid(head.uid(), systemId, version).setOn(composition);
    return composition;
  }
}
