package se.region.cdr.server.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import se.region.cdr.core.ehr.Audit;
import se.region.cdr.core.ehr.ChangeType;
import se.region.cdr.core.ehr.EhrRecord;
import se.region.cdr.core.ehr.StoredVersion;
import se.region.cdr.core.ehr.VersionUid;
import se.region.cdr.core.store.ContributionStore.StoredContribution;

/** The JSON shapes of the openEHR REST API (Release 1.0.3) for EHRs, versions and contributions. */
final class Representations {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private Representations() {}

  static ObjectNode ehr(EhrRecord ehr, String systemId) {
    ObjectNode n = F.objectNode();
    n.set("system_id", F.objectNode().put("value", systemId));
    n.set("ehr_id", F.objectNode().put("value", ehr.ehrId().toString()));
    n.set("ehr_status", objectRef(new VersionUid(ehr.statusUid(), systemId, ehr.statusVersion()).toString(), "OBJECT_VERSION_ID", "EHR_STATUS"));
    n.set("time_created", dvDateTime(ehr.createdAt()));
    return n;
  }

  static ObjectNode objectRef(String id, String idType, String type) {
    ObjectNode ref = F.objectNode();
    ref.set("id", F.objectNode().put("_type", idType).put("value", id));
    ref.put("namespace", "local");
    ref.put("type", type);
    return ref;
  }

  static ObjectNode dvDateTime(OffsetDateTime t) {
    return F.objectNode().put("value", ISO.format(t));
  }

  static ObjectNode changeType(ChangeType type) {
    ObjectNode n = F.objectNode().put("_type", "DV_CODED_TEXT").put("value", type.term());
    n.set("defining_code", codePhrase("openehr", String.valueOf(type.code())));
    return n;
  }

  static ObjectNode codePhrase(String terminology, String code) {
    ObjectNode n = F.objectNode().put("_type", "CODE_PHRASE");
    n.set("terminology_id", F.objectNode().put("_type", "TERMINOLOGY_ID").put("value", terminology));
    n.put("code_string", code);
    return n;
  }

  static ObjectNode audit(Audit audit, String systemId) {
    ObjectNode n = F.objectNode().put("_type", "AUDIT_DETAILS").put("system_id", systemId);
    n.set("time_committed", dvDateTime(audit.committedAt()));
    n.set("change_type", changeType(audit.changeType()));
    if (audit.description() != null) {
      n.set("description", F.objectNode().put("_type", "DV_TEXT").put("value", audit.description()));
    }
    n.set("committer", audit.committer() == null ? F.objectNode().put("_type", "PARTY_SELF") : audit.committer());
    return n;
  }

  /** ORIGINAL_VERSION of a composition or EHR_STATUS. */
  static ObjectNode originalVersion(StoredVersion v, String systemId) {
    ObjectNode n = F.objectNode().put("_type", "ORIGINAL_VERSION");
    n.set("uid", F.objectNode().put("_type", "OBJECT_VERSION_ID").put("value", v.uid().toString()));
    if (v.version() > 1) {
      VersionUid preceding = new VersionUid(v.uid().objectId(), v.uid().systemId(), v.version() - 1);
      n.set("preceding_version_uid", F.objectNode().put("_type", "OBJECT_VERSION_ID").put("value", preceding.toString()));
    }
    if (v.data() != null) {
      n.set("data", v.data());
    }
    n.set("commit_audit", audit(v.audit(), systemId));
    if (v.audit().contributionUid() != null) {
      n.set("contribution", objectRef(v.audit().contributionUid().toString(), "HIER_OBJECT_ID", "CONTRIBUTION"));
    }
    boolean deleted = v.deleted();
    ObjectNode lifecycle = F.objectNode().put("_type", "DV_CODED_TEXT").put("value", deleted ? "deleted" : "complete");
    lifecycle.set("defining_code", codePhrase("openehr", deleted ? "523" : "532"));
    n.set("lifecycle_state", lifecycle);
    return n;
  }

  static ObjectNode versionedObject(UUID uid, UUID ehrId, OffsetDateTime created) {
    ObjectNode n = F.objectNode();
    n.set("uid", F.objectNode().put("_type", "HIER_OBJECT_ID").put("value", uid.toString()));
    n.set("owner_id", objectRef(ehrId.toString(), "HIER_OBJECT_ID", "EHR"));
    n.set("time_created", dvDateTime(created));
    return n;
  }

  static ArrayNode revisionHistory(List<StoredVersion> versions, String systemId) {
    ArrayNode items = F.arrayNode();
    for (StoredVersion v : versions) {
      ObjectNode item = F.objectNode();
      item.set("version_id", F.objectNode().put("_type", "OBJECT_VERSION_ID").put("value", v.uid().toString()));
      item.set("audits", F.arrayNode().add(audit(v.audit(), systemId)));
      items.add(item);
    }
    return items;
  }

  static ObjectNode contribution(StoredContribution c, String systemId) {
    ObjectNode n = F.objectNode().put("_type", "CONTRIBUTION");
    n.set("uid", F.objectNode().put("_type", "HIER_OBJECT_ID").put("value", c.uid().toString()));
    ArrayNode versions = n.putArray("versions");
    c.versions().forEach(v -> versions.add(objectRef(v.uid().toString(), "OBJECT_VERSION_ID", "VERSION")));
    n.set("audit", audit(c.audit(), systemId));
    return n;
  }
}
