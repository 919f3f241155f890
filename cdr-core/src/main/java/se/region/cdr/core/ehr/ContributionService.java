package se.region.cdr.core.ehr;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nedap.archie.rm.composition.Composition;
import com.nedap.archie.rm.ehr.EhrStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ErrorCode;
import se.region.cdr.core.rm.RmCodec;
import se.region.cdr.core.store.ContributionStore;
import se.region.cdr.core.store.ContributionStore.StoredContribution;
import se.region.cdr.core.store.EhrStore.StatusFields;
import se.region.cdr.core.store.Tx;

/**
 * Contributions: several versions (compositions and EHR_STATUS) committed atomically. Every
 * version is parsed and validated first; then all are written in one transaction, or none.
 */
public final class ContributionService {
  private final DataSource dataSource;
  private final RmCodec codec;
  private final EhrService ehrService;
  private final CompositionService compositionService;
  private final ContributionStore contributions;

  public ContributionService(DataSource dataSource, RmCodec codec, EhrService ehrService, CompositionService compositionService) {
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
    this.codec = requireNonNull(codec, "codec is null");
    this.ehrService = requireNonNull(ehrService, "ehrService is null");
    this.compositionService = requireNonNull(compositionService, "compositionService is null");
    this.contributions = new ContributionStore(ehrService.systemId());
  }

  /** One version of an incoming contribution, checked and ready to write. */
  private record Change(ChangeType type, VersionUid preceding, CompositionService.Prepared composition, ObjectNode status, StatusFields statusFields) {}

  /** Commits a contribution given as canonical JSON; returns its uid and the committed version uids. */
  public StoredContribution commit(UUID ehrId, JsonNode body, ObjectNode defaultCommitter) {
    JsonNode versions = body.path("versions");
    if (!versions.isArray() || versions.isEmpty()) {
      throw new CdrException(ErrorCode.MALFORMED_CONTENT, "Contribution has no versions");
    }
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      try {
        changes.add(parse(versions.get(i)));
      } catch (CdrException e) {
        String where = "/versions[" + i + "]";
        throw new CdrException(e.errorCode(), where + ": " + e.getMessage(), e.details().stream().map(d -> where + d).toList(), e);
      }
    }
    JsonNode audit = body.path("audit");
    ObjectNode committer = audit.path("committer").isObject() ? (ObjectNode) audit.get("committer") : defaultCommitter;
    String description = audit.path("description").path("value").asText(null);
    ChangeType contributionType = changes.get(0).type();
    UUID uid = UUID.randomUUID();
    Audit contributionAudit = new Audit(EhrService.now(), contributionType, committer, description, uid);
    return Tx.run(dataSource, c -> {
      EhrRecord ehr = ehrService.require(c, ehrId, true);
      long contribution = contributions.insert(c, uid, ehr.id(), contributionAudit);
      List<ContributionStore.VersionRef> refs = new ArrayList<>();
      for (Change change : changes) {
        if (change.status() != null) {
          if (change.preceding() == null) {
            throw CdrException.badRequest("An EHR_STATUS version needs preceding_version_uid");
          }
          StoredVersion v = ehrService.updateStatus(c, ehr, change.preceding(), change.status(), change.statusFields(), contribution, contributionAudit);
          ehr = ehrService.require(c, ehrId, false);
          refs.add(new ContributionStore.VersionRef(v.uid(), "EHR_STATUS"));
          continue;
        }
        if (!ehr.modifiable()) {
          throw CdrException.conflict("EHR " + ehrId + " is not modifiable");
        }
        Audit audit1 = new Audit(contributionAudit.committedAt(), change.type(), committer, description, uid);
        VersionUid written = switch (change.type()) {
          case CREATION -> compositionService.insertFirst(c, ehr.id(), change.composition(), contribution, audit1).uid();
          case DELETED -> compositionService.delete(c, ehr, change.preceding(), contribution, audit1);
          default -> compositionService.update(c, ehr, change.preceding().objectId(), change.preceding(), change.composition(), contribution, audit1).uid();
        };
        refs.add(new ContributionStore.VersionRef(written, "COMPOSITION"));
      }
      return new StoredContribution(uid, contributionAudit, refs);
    });
  }

  private Change parse(JsonNode version) {
    JsonNode changeType = version.path("commit_audit").path("change_type");
    String code = changeType.path("defining_code").path("code_string").asText(null);
    ChangeType type = ChangeType.parse(code != null ? code : changeType.path("value").asText(null));
    String precedingText = version.path("preceding_version_uid").path("value").asText(null);
    VersionUid preceding = precedingText == null ? null : VersionUid.parse(precedingText);
    if (type != ChangeType.CREATION && preceding == null) {
      throw CdrException.badRequest("A " + type.term() + " needs preceding_version_uid");
    }
    JsonNode data = version.path("data");
    String dataType = data.path("_type").asText("");
    if (type == ChangeType.DELETED) {
      return new Change(type, preceding, null, null, null);
    }
    if (!data.isObject()) {
      throw new CdrException(ErrorCode.MALFORMED_CONTENT, "Version has no data");
    }
    if ("EHR_STATUS".equals(dataType)) {
      EhrStatus status = codec.fromTree(data, EhrStatus.class);
      ObjectNode tree = ehrService.statusTree(status);
      return new Change(type, preceding, null, tree, EhrService.fieldsOf(tree));
    }
    if (!"COMPOSITION".equals(dataType)) {
      throw CdrException.badRequest("Unsupported version data type '" + dataType + "'");
    }
    Composition composition;
    try {
      composition = codec.fromTree(data, Composition.class);
    } catch (RuntimeException e) {
      throw new CdrException(ErrorCode.MALFORMED_CONTENT, "Could not parse composition: " + e.getMessage(), e);
    }
    return new Change(type, preceding, compositionService.prepare(composition), null, null);
  }

  public StoredContribution get(UUID ehrId, UUID contributionUid) {
    return Tx.run(dataSource, c -> {
      EhrRecord ehr = ehrService.require(c, ehrId, false);
      return contributions.find(c, ehr.id(), contributionUid, ehr.statusUid())
          .orElseThrow(() -> CdrException.notFound("Contribution " + contributionUid + " not found in EHR " + ehrId));
    });
  }
}
