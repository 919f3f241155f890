package se.region.cdr.loader.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import se.region.cdr.core.ehr.VersionUid;
import se.region.cdr.core.store.ContributionStore;

/**
 * Finds the EHRs of a batch's subjects by (namespace, pseudonym) and creates the missing ones in
 * one statement: the EHR row, its contribution and EHR_STATUS version 1, whose subject is a
 * PARTY_SELF with external_ref id = the pseudonym. Runs inside the batch's transaction.
 */
final class EhrResolver {
  /** An EHR's row id and whether it takes new versions. */
  record Ehr(long id, boolean modifiable) {}

  private final short tenant;
  private final String namespace;
  private final String systemId;
  private final String committer;

  EhrResolver(short tenant, String namespace, String systemId, String committer) {
    this.tenant = tenant;
    this.namespace = namespace;
    this.systemId = systemId;
    this.committer = committer;
  }

  Map<String, Ehr> resolve(Connection c, Collection<String> pseudonyms, OffsetDateTime at) throws SQLException {
    Map<String, Ehr> found = find(c, pseudonyms);
    List<String> missing = pseudonyms.stream().distinct().filter(p -> !found.containsKey(p)).toList();
    if (!missing.isEmpty()) {
      create(c, missing, at);
      found.putAll(find(c, missing));
    }
    return found;
  }

  private Map<String, Ehr> find(Connection c, Collection<String> pseudonyms) throws SQLException {
    Map<String, Ehr> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "select subject_id, id, is_modifiable from ehr where tenant = ? and subject_namespace = ? and subject_id = any(?)")) {
      ps.setShort(1, tenant);
      ps.setString(2, namespace);
      ps.setArray(3, c.createArrayOf("text", pseudonyms.stream().distinct().toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), new Ehr(rs.getLong(2), rs.getBoolean(3)));
        }
      }
    }
    return out;
  }

  private void create(Connection c, List<String> pseudonyms, OffsetDateTime at) throws SQLException {
    int n = pseudonyms.size();
    String[] ehrIds = new String[n];
    String[] statusUids = new String[n];
    String[] contributionUids = new String[n];
    String[] statuses = new String[n];
    for (int i = 0; i < n; i++) {
      UUID statusUid = UUID.randomUUID();
      ehrIds[i] = UUID.randomUUID().toString();
      statusUids[i] = statusUid.toString();
      contributionUids[i] = UUID.randomUUID().toString();
      statuses[i] = status(pseudonyms.get(i), new VersionUid(statusUid, systemId, 1)).toString();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "with input as (select * from unnest(?::text[], ?::uuid[], ?::uuid[], ?::uuid[], ?::text[]) as t(subject_id, ehr_id, status_uid, contribution_uid, status)),"
            + " e as (insert into ehr (ehr_id, tenant, created_at, subject_namespace, subject_id, status_uid, status_version, is_queryable, is_modifiable)"
            + "   select ehr_id, ?, ?, ?, subject_id, status_uid, 1, true, true from input on conflict do nothing returning id, ehr_id),"
            + " k as (insert into contribution (uid, ehr, committed_at, change_type, committer_id, description)"
            + "   select i.contribution_uid, e.id, ?, 249, " + ContributionStore.COMMITTER_ID + ", 'EHR created by the loader' from input i join e on e.ehr_id = i.ehr_id returning id, ehr)"
            + " insert into ehr_status_version (ehr, version, contribution, change_type, data)"
            + "   select k.ehr, 1, k.id, 249, i.status::jsonb from k join e on e.id = k.ehr join input i on i.ehr_id = e.ehr_id")) {
      ps.setArray(1, c.createArrayOf("text", pseudonyms.toArray()));
      ps.setArray(2, c.createArrayOf("text", ehrIds));
      ps.setArray(3, c.createArrayOf("text", statusUids));
      ps.setArray(4, c.createArrayOf("text", contributionUids));
      ps.setArray(5, c.createArrayOf("text", statuses));
      ps.setShort(6, tenant);
      ps.setObject(7, at);
      ps.setString(8, namespace);
      ps.setObject(9, at);
      ps.setString(10, committer);
      ps.executeUpdate();
    }
  }

  private ObjectNode status(String pseudonym, VersionUid uid) {
    ObjectNode status = JsonNodeFactory.instance.objectNode().put("_type", "EHR_STATUS");
    status.putObject("name").put("_type", "DV_TEXT").put("value", "EHR Status");
    status.put("archetype_node_id", "openEHR-EHR-EHR_STATUS.generic.v1");
    ObjectNode ref = status.putObject("subject").put("_type", "PARTY_SELF").putObject("external_ref").put("_type", "PARTY_REF");
    ref.putObject("id").put("_type", "GENERIC_ID").put("value", pseudonym).put("scheme", "pseudonym");
    ref.put("namespace", namespace).put("type", "PERSON");
    status.put("is_queryable", true);
    status.put("is_modifiable", true);
    uid.setOn(status);
    return status;
  }

  static List<String> distinct(Collection<String> values) {
    return new ArrayList<>(new java.util.LinkedHashSet<>(values));
  }
}
