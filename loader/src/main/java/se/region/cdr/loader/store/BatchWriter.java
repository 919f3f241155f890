package se.region.cdr.loader.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import se.region.cdr.core.ehr.Audit;
import se.region.cdr.core.ehr.ChangeType;
import se.region.cdr.core.store.CompositionStore;
import se.region.cdr.core.store.CompositionStore.Head;
import se.region.cdr.core.store.ContributionStore;
import se.region.cdr.loader.transform.MappedRecord;
import se.region.cdr.loader.transform.RecordInfo;
import se.region.cdr.loader.transform.Rejection;

/**
 * Writes one batch in one transaction on the run's own connection: looks up the batch's source
 * records, stores new compositions (a contribution per EHR, then composition, version and content
 * nodes for the whole batch in one statement over arrays), appends a version to changed ones,
 * creates EHRs on first sight, quarantines rejects, and moves the run's checkpoint; then commits. A batch is
 * either fully visible or not at all. Not thread-safe: one writer per run, batches in input order.
 */
public final class BatchWriter {
  /** Counter slots, in load_run column order. */
  private static final int READ = 0, ACCEPTED = 1, UPDATED = 2, UNCHANGED = 3, REJECTED = 4, SKIPPED = 5;

  private final Connection c;
  private final short tenant;
  private final int template;
  private final String sourceSystem;
  private final long run;
  private final String committer;
  private final ObjectNode committerNode;
  private final String description;
  private final EhrResolver ehrs;
  private final CompositionStore compositions;
  private final ContributionStore contributions;
  private final Function<MappedRecord, Outcome> prepare;

  /**
   * @param prepare validates a record the parallel stage only hashed (its stored hash had changed meanwhile)
   */
  public BatchWriter(Connection c, short tenant, int template, String sourceSystem, String namespace, String systemId, long run,
      String mappingLabel, Function<MappedRecord, Outcome> prepare) {
    this.c = c;
    this.tenant = tenant;
    this.template = template;
    this.sourceSystem = sourceSystem;
    this.run = run;
    ObjectNode who = JsonNodeFactory.instance.objectNode().put("_type", "PARTY_IDENTIFIED").put("name", "cdr-loader (" + mappingLabel + ")");
    this.committerNode = who;
    this.committer = who.toString();
    this.description = "Loaded by load run " + run + " (" + mappingLabel + ")";
    this.ehrs = new EhrResolver(tenant, namespace, systemId, committer);
    this.compositions = new CompositionStore(systemId);
    this.contributions = new ContributionStore(systemId);
    this.prepare = prepare;
  }

  /** Writes the outcomes (in input order) as one or more transactions; a record key seen twice splits the batch. */
  public void write(List<Outcome> batch) throws SQLException {
    Set<String> keys = new HashSet<>();
    int start = 0;
    for (int i = 0; i < batch.size(); i++) {
      String key = key(batch.get(i));
      if (key != null && !keys.add(key)) {
        writeTransaction(batch.subList(start, i));
        start = i;
        keys.clear();
        keys.add(key);
      }
    }
    writeTransaction(batch.subList(start, batch.size()));
  }

  private static String key(Outcome o) {
    if (o instanceof Outcome.Ready r) {
      return r.record().info().recordKey();
    }
    if (o instanceof Outcome.SameAsStored s) {
      return s.record().info().recordKey();
    }
    return null;
  }

  private record Stored(long composition, String hash, String pseudonym) {}

  private void writeTransaction(List<Outcome> batch) throws SQLException {
    if (batch.isEmpty()) {
      return;
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    long[] counts = new long[6];
    counts[READ] = batch.size();
    try {
      Map<String, Stored> stored = lookup(batch);
      List<Outcome.Ready> inserts = new ArrayList<>();
      List<Outcome.Ready> updates = new ArrayList<>();
      List<Outcome.Rejected> rejects = new ArrayList<>();
      for (Outcome o : batch) {
        if (o instanceof Outcome.Skipped) {
          counts[SKIPPED]++;
          continue;
        }
        if (o instanceof Outcome.Rejected r) {
          rejects.add(r);
          continue;
        }
        MappedRecord record = o instanceof Outcome.Ready r ? r.record() : ((Outcome.SameAsStored) o).record();
        Stored s = stored.get(record.info().recordKey());
        if (s != null && !s.pseudonym().equals(record.info().pseudonym())) {
          rejects.add(new Outcome.Rejected(record.info(), new Rejection(Rejection.SUBJECT_CHANGED, null, "subject",
              "record key " + record.info().recordKey() + " was loaded for another subject; a record cannot move to another EHR")));
          continue;
        }
        if (s != null && s.hash().equals(record.contentHash())) {
          counts[UNCHANGED]++;
          continue;
        }
        Outcome ready = o instanceof Outcome.Ready ? o : prepare.apply(record);
        if (ready instanceof Outcome.Rejected r) {
          rejects.add(r);
        } else if (s == null) {
          inserts.add((Outcome.Ready) ready);
        } else {
          updates.add((Outcome.Ready) ready);
        }
      }
      List<String> subjects = inserts.stream().map(r -> r.record().info().pseudonym()).toList();
      Map<String, EhrResolver.Ehr> ehrOf = subjects.isEmpty() ? Map.of() : ehrs.resolve(c, subjects, now);
      List<Outcome.Ready> insertable = new ArrayList<>();
      for (Outcome.Ready r : inserts) {
        EhrResolver.Ehr ehr = ehrOf.get(r.record().info().pseudonym());
        if (ehr == null || !ehr.modifiable()) {
          rejects.add(new Outcome.Rejected(r.record().info(), new Rejection(Rejection.EHR_NOT_MODIFIABLE, null, "subject",
              "the subject's EHR is not modifiable (EHR_STATUS.is_modifiable = false)")));
        } else {
          insertable.add(r);
        }
      }
      insertNew(insertable, ehrOf, now);
      for (Outcome.Ready r : updates) {
        appendVersion(r, stored.get(r.record().info().recordKey()), now);
      }
      quarantine(rejects);
      counts[ACCEPTED] = insertable.size();
      counts[UPDATED] = updates.size();
      counts[REJECTED] = rejects.size();
      LoadRunStore.checkpoint(c, run, batch.get(batch.size() - 1).number(), counts);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
  }

  private Map<String, Stored> lookup(List<Outcome> batch) throws SQLException {
    List<String> keys = new ArrayList<>();
    for (Outcome o : batch) {
      String k = key(o);
      if (k != null) {
        keys.add(k);
      }
    }
    Map<String, Stored> out = new HashMap<>();
    if (keys.isEmpty()) {
      return out;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "select s.record_key, s.composition, s.content_hash, e.subject_id from source_record s join ehr e on e.id = s.ehr"
            + " where s.tenant = ? and s.source_system = ? and s.record_key = any(?) for update of s")) {
      ps.setShort(1, tenant);
      ps.setString(2, sourceSystem);
      ps.setArray(3, c.createArrayOf("text", keys.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), new Stored(rs.getLong(2), rs.getString(3), rs.getString(4)));
        }
      }
    }
    return out;
  }

  /**
   * New compositions of the batch with their contributions, versions and source records in one
   * statement over arrays; it answers each composition's id and EHR (by input position) for the
   * content nodes, which follow in one COPY. One contribution per EHR of the batch holds the first
   * versions of all its new compositions there (openEHR: a contribution is a set of versions of one
   * EHR committed at once); they share time, committer, change type and description, so the audit
   * says the same as one contribution each, with one contribution row per EHR instead of per
   * composition. The source record takes its EHR and tenant from the composition row it refers to
   * (V11 relies on that instead of foreign keys of its own).
   */
  private static final String INSERT_NEW =
      "with input as (select * from unnest(?::uuid[], ?::bigint[], ?::timestamptz[], ?::uuid[], ?::text[], ?::text[]) with ordinality"
          + "   as t(comp_uid, ehr, start_time, contribution_uid, record_key, content_hash, ord)),"
          + " k as (insert into contribution (uid, ehr, committed_at, change_type, committer_id, description)"
          + "   select contribution_uid, ehr, ?, 249, " + ContributionStore.COMMITTER_ID + ", ?"
          + "   from (select distinct contribution_uid, ehr from input) e returning id, uid),"
          + " comp as (insert into composition (uid, ehr, tenant, template, version, created_at, committed_at, start_time)"
          + "   select comp_uid, ehr, ?, ?, 1, ?, ?, start_time from input returning id, uid, ehr, tenant),"
          + " v as (insert into composition_version (composition, version, contribution, change_type, deleted)"
          + "   select comp.id, 1, k.id, 249, false from input i join comp on comp.uid = i.comp_uid join k on k.uid = i.contribution_uid),"
          + " s as (insert into source_record (tenant, source_system, record_key, ehr, composition, content_hash, load_run, loaded_at)"
          + "   select comp.tenant, ?, i.record_key, comp.ehr, comp.id, i.content_hash, ?, ? from input i join comp on comp.uid = i.comp_uid)"
          + " select i.ord, comp.id, comp.ehr from input i join comp on comp.uid = i.comp_uid";

  private void insertNew(List<Outcome.Ready> batch, Map<String, EhrResolver.Ehr> ehrOf, OffsetDateTime now) throws SQLException {
    if (batch.isEmpty()) {
      return;
    }
    int n = batch.size();
    String[] uid = new String[n];
    Long[] ehr = new Long[n];
    String[] start = new String[n];
    String[] contribution = new String[n];
    String[] key = new String[n];
    String[] hash = new String[n];
    Map<Long, String> contributionOfEhr = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Outcome.Ready r = batch.get(i);
      RecordInfo info = r.record().info();
      uid[i] = UUID.randomUUID().toString();
      ehr[i] = ehrOf.get(info.pseudonym()).id();
      start[i] = r.content().startTime() == null ? null : r.content().startTime().toString();
      contribution[i] = contributionOfEhr.computeIfAbsent(ehr[i], e -> UUID.randomUUID().toString());
      key[i] = info.recordKey();
      hash[i] = r.record().contentHash();
    }
    NodeCopy.Rows[] rows = new NodeCopy.Rows[n];
    try (PreparedStatement ps = c.prepareStatement(INSERT_NEW)) {
      int p = 1;
      ps.setArray(p++, c.createArrayOf("text", uid));
      ps.setArray(p++, c.createArrayOf("int8", ehr));
      ps.setArray(p++, c.createArrayOf("text", start));
      ps.setArray(p++, c.createArrayOf("text", contribution));
      ps.setArray(p++, c.createArrayOf("text", key));
      ps.setArray(p++, c.createArrayOf("text", hash));
      ps.setObject(p++, now);
      ps.setString(p++, committer);
      ps.setString(p++, description);
      ps.setShort(p++, tenant);
      ps.setInt(p++, template);
      ps.setObject(p++, now);
      ps.setObject(p++, now);
      ps.setString(p++, sourceSystem);
      ps.setLong(p++, run);
      ps.setObject(p, now);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int i = rs.getInt(1) - 1;
          rows[i] = new NodeCopy.Rows(rs.getLong(2), rs.getLong(3), batch.get(i).content());
        }
      }
    }
    NodeCopy.copy(c, Arrays.asList(rows));
  }

  /** A changed record: a new version of its composition (the core's versioning: old content moves to history). */
  private void appendVersion(Outcome.Ready r, Stored s, OffsetDateTime now) throws SQLException {
    Head head = lockHead(s.composition());
    Audit audit = new Audit(now, ChangeType.MODIFICATION, committerNode.deepCopy(), description, UUID.randomUUID());
    long contribution = contributions.insert(c, audit.contributionUid(), head.ehr(), audit);
    compositions.appendVersion(c, head, contribution, ChangeType.MODIFICATION.code(), now, r.content(), template);
    try (PreparedStatement ps = c.prepareStatement(
        "update source_record set content_hash = ?, load_run = ?, loaded_at = ? where tenant = ? and source_system = ? and record_key = ?")) {
      ps.setString(1, r.record().contentHash());
      ps.setLong(2, run);
      ps.setObject(3, now);
      ps.setShort(4, tenant);
      ps.setString(5, sourceSystem);
      ps.setString(6, r.record().info().recordKey());
      ps.executeUpdate();
    }
  }

  private Head lockHead(long composition) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "select id, uid, ehr, version, deleted, template, created_at from composition where id = ? for update")) {
      ps.setLong(1, composition);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Head(rs.getLong(1), rs.getObject(2, UUID.class), rs.getLong(3), rs.getInt(4), rs.getBoolean(5), rs.getInt(6),
            rs.getObject(7, OffsetDateTime.class));
      }
    }
  }

  private void quarantine(List<Outcome.Rejected> rejects) throws SQLException {
    if (rejects.isEmpty()) {
      return;
    }
    int n = rejects.size();
    Long[] number = new Long[n];
    Long[] line = new Long[n];
    String[] key = new String[n];
    String[] source = new String[n];
    String[] path = new String[n];
    String[] rule = new String[n];
    String[] code = new String[n];
    String[] reason = new String[n];
    for (int i = 0; i < n; i++) {
      Outcome.Rejected r = rejects.get(i);
      number[i] = r.info().number();
      line[i] = r.info().line();
      key[i] = r.info().recordKey();
      source[i] = r.info().scrubbedSource().toString();
      path[i] = r.why().path();
      rule[i] = r.why().rule();
      code[i] = r.why().reasonCode();
      reason[i] = r.why().getMessage();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "insert into quarantine (load_run, record_number, line, record_key, source, path, rule, reason_code, reason)"
            + " select ?, x.* from unnest(?::bigint[], ?::bigint[], ?::text[], ?::jsonb[], ?::text[], ?::text[], ?::text[], ?::text[]) as x")) {
      ps.setLong(1, run);
      ps.setArray(2, c.createArrayOf("int8", number));
      ps.setArray(3, c.createArrayOf("int8", line));
      ps.setArray(4, c.createArrayOf("text", key));
      ps.setArray(5, c.createArrayOf("text", source));
      ps.setArray(6, c.createArrayOf("text", path));
      ps.setArray(7, c.createArrayOf("text", rule));
      ps.setArray(8, c.createArrayOf("text", code));
      ps.setArray(9, c.createArrayOf("text", reason));
      ps.executeUpdate();
    }
  }
}
