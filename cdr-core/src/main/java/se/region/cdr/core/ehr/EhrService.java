package se.region.cdr.core.ehr;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nedap.archie.rm.ehr.EhrStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ErrorCode;
import se.region.cdr.core.rm.RmCodec;
import se.region.cdr.core.store.ContributionStore;
import se.region.cdr.core.store.EhrStore;
import se.region.cdr.core.store.EhrStore.StatusFields;
import se.region.cdr.core.store.Tx;

/**
 * EHRs and their EHR_STATUS. An EHR's subject is only an external reference (namespace + opaque
 * id): the CDR never stores names or personal identity numbers.
 */
public final class EhrService {
  /** The only region until regions are configured. */
  public static final short DEFAULT_TENANT = 1;

  private final DataSource dataSource;
  private final RmCodec codec;
  private final EhrStore ehrs;
  private final ContributionStore contributions;
  private final String systemId;

  public EhrService(DataSource dataSource, RmCodec codec, String systemId) {
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
    this.codec = requireNonNull(codec, "codec is null");
    this.systemId = requireNonNull(systemId, "systemId is null");
    this.ehrs = new EhrStore(systemId);
    this.contributions = new ContributionStore(systemId);
  }

  public String systemId() {
    return systemId;
  }

  /** Creates an EHR with the given id (or a new one) and status (or the default status). */
  public EhrRecord create(UUID requestedId, EhrStatus status, ObjectNode committer) {
    UUID ehrId = requestedId == null ? UUID.randomUUID() : requestedId;
    ObjectNode statusJson = status == null ? defaultStatusTree() : statusTree(status);
    StatusFields fields = fieldsOf(statusJson);
    UUID statusUid = UUID.randomUUID();
    OffsetDateTime now = now();
    return Tx.run(dataSource, c -> {
      if (ehrs.subjectTaken(c, DEFAULT_TENANT, fields.subjectNamespace(), fields.subjectId(), -1)) {
        throw CdrException.conflict("An EHR for subject " + fields.subjectId() + " in namespace " + fields.subjectNamespace() + " already exists");
      }
      long id = ehrs.insert(c, ehrId, DEFAULT_TENANT, now, statusUid, fields);
      if (id < 0) {
        throw CdrException.conflict("EHR with id " + ehrId + " already exists");
      }
      long contribution = contributions.insert(c, UUID.randomUUID(), id, new Audit(now, ChangeType.CREATION, committer, null, null));
      new VersionUid(statusUid, systemId, 1).setOn(statusJson);
      ehrs.insertStatusVersion(c, id, 1, contribution, ChangeType.CREATION.code(), statusJson);
      return new EhrRecord(id, ehrId, now, statusUid, 1, fields.queryable(), fields.modifiable());
    });
  }

  public EhrRecord require(UUID ehrId) {
    return Tx.run(dataSource, c -> require(c, ehrId, false));
  }

  EhrRecord require(Connection c, UUID ehrId, boolean forUpdate) throws SQLException {
    return ehrs.find(c, ehrId, forUpdate).orElseThrow(() -> CdrException.notFound("EHR with id " + ehrId + " not found"));
  }

  public Optional<EhrRecord> findBySubject(String subjectId, String namespace) {
    return Tx.run(dataSource, c -> ehrs.findBySubject(c, DEFAULT_TENANT, namespace, subjectId));
  }

  /** All versions of the EHR_STATUS, oldest first. */
  public List<StoredVersion> statusVersions(UUID ehrId) {
    return Tx.run(dataSource, c -> ehrs.statusVersions(c, require(c, ehrId, false)));
  }

  /** The status version current at the given time (null: the latest). */
  public StoredVersion statusAt(UUID ehrId, OffsetDateTime at) {
    List<StoredVersion> versions = statusVersions(ehrId);
    if (at == null) {
      return versions.get(versions.size() - 1);
    }
    return StoredVersion.at(versions, at)
        .orElseThrow(() -> CdrException.notFound("EHR_STATUS of EHR " + ehrId + " did not exist at " + at));
  }

  public StoredVersion statusVersion(UUID ehrId, VersionUid uid) {
    return statusVersions(ehrId).stream()
        .filter(v -> v.uid().objectId().equals(uid.objectId()) && v.version() == uid.version())
        .findFirst()
        .orElseThrow(() -> CdrException.notFound("EHR_STATUS version " + uid + " not found in EHR " + ehrId));
  }

  /** Stores a new EHR_STATUS version; {@code precedingVersion} must be the current one. */
  public StoredVersion updateStatus(UUID ehrId, VersionUid precedingVersion, EhrStatus status, ObjectNode committer, String description) {
    ObjectNode statusJson = statusTree(status);
    StatusFields fields = fieldsOf(statusJson);
    return Tx.run(dataSource, c -> {
      EhrRecord ehr = require(c, ehrId, true);
      Audit audit = new Audit(now(), ChangeType.MODIFICATION, committer, description, UUID.randomUUID());
      long contribution = contributions.insert(c, audit.contributionUid(), ehr.id(), audit);
      return updateStatus(c, ehr, precedingVersion, statusJson, fields, contribution, audit);
    });
  }

  /** The part of a status update that runs inside a caller's transaction (contributions). */
  StoredVersion updateStatus(Connection c, EhrRecord ehr, VersionUid preceding, ObjectNode statusJson, StatusFields fields, long contribution,
      Audit audit) throws SQLException {
    if (!preceding.objectId().equals(ehr.statusUid()) || preceding.version() != ehr.statusVersion()) {
      throw CdrException.preconditionFailed("EHR_STATUS version " + preceding + " is not the latest; latest is "
          + new VersionUid(ehr.statusUid(), systemId, ehr.statusVersion()));
    }
    if (ehrs.subjectTaken(c, DEFAULT_TENANT, fields.subjectNamespace(), fields.subjectId(), ehr.id())) {
      throw CdrException.conflict("Another EHR has subject " + fields.subjectId() + " in namespace " + fields.subjectNamespace());
    }
    int next = ehr.statusVersion() + 1;
    VersionUid uid = new VersionUid(ehr.statusUid(), systemId, next);
    uid.setOn(statusJson);
    ehrs.insertStatusVersion(c, ehr.id(), next, contribution, ChangeType.MODIFICATION.code(), statusJson);
    ehrs.updateStatusHead(c, ehr.id(), next, fields);
    return new StoredVersion(uid, audit, false, statusJson);
  }

  /** Test-mode removal of an EHR and everything in it. */
  public void deleteEhr(UUID ehrId) {
    boolean deleted = Tx.run(dataSource, c -> ehrs.delete(c, ehrId));
    if (!deleted) {
      throw CdrException.notFound("EHR with id " + ehrId + " not found");
    }
  }

  ObjectNode statusTree(EhrStatus status) {
    if (status.getArchetypeNodeId() == null || status.getName() == null || status.getSubject() == null) {
      throw new CdrException(ErrorCode.VALIDATION_FAILED, "EHR_STATUS needs archetype_node_id, name and subject",
          List.of("/archetype_node_id, /name, /subject: mandatory"), null);
    }
    ObjectNode tree = codec.toTree(status);
    tree.remove("uid");
    if (!tree.has("is_queryable")) {
      tree.put("is_queryable", true);
    }
    if (!tree.has("is_modifiable")) {
      tree.put("is_modifiable", true);
    }
    return tree;
  }

  static StatusFields fieldsOf(ObjectNode status) {
    String namespace = status.path("subject").path("external_ref").path("namespace").asText(null);
    String id = status.path("subject").path("external_ref").path("id").path("value").asText(null);
    if ((namespace == null) != (id == null)) {
      throw CdrException.badRequest("EHR_STATUS subject.external_ref needs both id and namespace");
    }
    return new StatusFields(namespace, id, status.path("is_queryable").asBoolean(true), status.path("is_modifiable").asBoolean(true));
  }

  /** The EHR_STATUS of an EHR created without one: queryable, modifiable, subject PARTY_SELF. */
  private static ObjectNode defaultStatusTree() {
    ObjectNode status = JsonNodeFactory.instance.objectNode().put("_type", "EHR_STATUS");
    status.putObject("name").put("_type", "DV_TEXT").put("value", "EHR Status");
    status.put("archetype_node_id", "openEHR-EHR-EHR_STATUS.generic.v1");
    status.putObject("subject").put("_type", "PARTY_SELF");
    status.put("is_queryable", true);
    status.put("is_modifiable", true);
    return status;
  }

  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }
}
