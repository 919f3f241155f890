package se.region.cdr.core.ehr;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nedap.archie.rm.composition.Composition;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ErrorCode;
import se.region.cdr.core.rm.CompositionValidation;
import se.region.cdr.core.rm.RmCodec;
import se.region.cdr.core.store.ArchetypeDictionary;
import se.region.cdr.core.store.CompositionStore;
import se.region.cdr.core.store.CompositionStore.Content;
import se.region.cdr.core.store.CompositionStore.Head;
import se.region.cdr.core.store.ContentNode;
import se.region.cdr.core.store.ContentNodes;
import se.region.cdr.core.store.ContributionStore;
import se.region.cdr.core.store.StoredContent;
import se.region.cdr.core.store.Tx;
import se.region.cdr.core.template.StoredTemplate;
import se.region.cdr.core.template.TemplateStore;

/**
 * Versioned compositions: create, read (by version, by object, at a time), update with the
 * preceding version, logical delete, and version history. Every composition is validated against
 * its template before anything is stored; a rejected request changes nothing.
 */
public final class CompositionService {
  private final DataSource dataSource;
  private final RmCodec codec;
  private final TemplateStore templates;
  private final ArchetypeDictionary archetypes;
  private final EhrService ehrService;
  private final CompositionStore compositions;
  private final ContributionStore contributions;
  private final CompositionValidation validation = new CompositionValidation();
  private final String systemId;

  public CompositionService(DataSource dataSource, RmCodec codec, TemplateStore templates, EhrService ehrService) {
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
    this.codec = requireNonNull(codec, "codec is null");
    this.templates = requireNonNull(templates, "templates is null");
    this.ehrService = requireNonNull(ehrService, "ehrService is null");
    this.systemId = ehrService.systemId();
    this.archetypes = new ArchetypeDictionary(dataSource);
    this.compositions = new CompositionStore(systemId);
    this.contributions = new ContributionStore(systemId);
  }

  /** A composition checked and prepared for storage, outside any transaction. */
  public record Prepared(StoredTemplate template, ObjectNode tree, Content content, UUID requestedUid) {}

  /**
   * Validates a composition against its template and splits it into content nodes; public so that
   * the bulk loader applies exactly the REST API's checks.
   */
  public Prepared prepare(Composition composition) {
    if (composition.getArchetypeDetails() == null || composition.getArchetypeDetails().getTemplateId() == null) {
      throw new CdrException(ErrorCode.VALIDATION_FAILED, "Composition has no archetype_details/template_id",
          List.of("/archetype_details/template_id: mandatory"), null);
    }
    String templateId = composition.getArchetypeDetails().getTemplateId().getValue();
    StoredTemplate template = templates.get(templateId).orElseThrow(() -> new CdrException(ErrorCode.VALIDATION_FAILED,
        "Unknown template " + templateId, List.of("/archetype_details/template_id: template " + templateId + " is not uploaded"), null));
    ObjectNode tree = codec.toTree(composition);
    validation.requireValid(composition, tree, template);
    UUID requestedUid = null;
    if (tree.has("uid")) {
      String uidValue = tree.path("uid").path("value").asText("");
      try {
        requestedUid = VersionUid.isVersionUid(uidValue) ? VersionUid.parse(uidValue).objectId() : UUID.fromString(uidValue);
      } catch (RuntimeException e) {
        requestedUid = null;
      }
      tree.remove("uid");
    }
    List<ContentNode> nodes = ContentNodes.split(tree);
    if (nodes.size() > Short.MAX_VALUE) {
      throw new CdrException(ErrorCode.VALIDATION_FAILED, "Composition has " + nodes.size() + " archetyped nodes; at most "
          + Short.MAX_VALUE + " are supported", List.of("/: too many archetyped nodes"), null);
    }
    int[] ids = new int[nodes.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = archetypes.idOf(nodes.get(i).archetypeId(), nodes.get(i).rmType());
    }
    return new Prepared(template, tree, new Content(nodes, ids, startTime(tree)), requestedUid);
  }

  /** The context start time when it is a full date-time with offset (the indexed column), else null. */
  public static OffsetDateTime startTime(ObjectNode tree) {
    String value = tree.path("context").path("start_time").path("value").asText(null);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      return null; // partial or local date-times stay queryable through the JSON itself
    }
  }

  /** Stores version 1 of a new composition and returns it. */
  public StoredVersion create(UUID ehrId, Composition composition, ObjectNode committer, String description) {
    Prepared prepared = prepare(composition);
    Audit audit = new Audit(EhrService.now(), ChangeType.CREATION, committer, description, UUID.randomUUID());
    UUID uid = prepared.requestedUid() == null ? UUID.randomUUID() : prepared.requestedUid();
    return Tx.single(dataSource, c -> {
      long id;
      try {
        id = compositions.insertFirstWithContribution(c, uid, ehrId, EhrService.DEFAULT_TENANT, prepared.template().dbId(), audit,
            prepared.content());
      } catch (SQLException e) {
        if ("23505".equals(e.getSQLState())) {
          throw CdrException.conflict("A composition with uid " + uid + " already exists");
        }
        throw e;
      }
      if (id < 0) {
        requireModifiable(ehrService.require(c, ehrId, false));
        throw new IllegalStateException("EHR " + ehrId + " took no contribution");
      }
      return withUid(prepared.tree(), new VersionUid(uid, systemId, 1), audit);
    });
  }

  StoredVersion insertFirst(Connection c, long ehr, Prepared prepared, long contribution, Audit audit) throws SQLException {
    UUID uid = prepared.requestedUid() == null ? UUID.randomUUID() : prepared.requestedUid();
    long id = compositions.insertFirst(c, uid, ehr, EhrService.DEFAULT_TENANT, prepared.template().dbId(), contribution,
        audit.committedAt(), prepared.content());
    if (id < 0) {
      throw CdrException.conflict("A composition with uid " + uid + " already exists");
    }
    return withUid(prepared.tree(), new VersionUid(uid, systemId, 1), audit);
  }

  /** Stores a new version of a composition; {@code preceding} must be its latest version. */
  public StoredVersion update(UUID ehrId, UUID objectId, VersionUid preceding, Composition composition, ObjectNode committer, String description) {
    Prepared prepared = prepare(composition);
    return Tx.run(dataSource, c -> {
      EhrRecord ehr = ehrService.require(c, ehrId, false);
      requireModifiable(ehr);
      Audit audit = new Audit(EhrService.now(), ChangeType.MODIFICATION, committer, description, UUID.randomUUID());
      long contribution = contributions.insert(c, audit.contributionUid(), ehr.id(), audit);
      return update(c, ehr, objectId, preceding, prepared, contribution, audit);
    });
  }

  StoredVersion update(Connection c, EhrRecord ehr, UUID objectId, VersionUid preceding, Prepared prepared, long contribution, Audit audit)
      throws SQLException {
    Head head = lockHead(c, ehr, objectId);
    requirePreceding(head, preceding);
    compositions.appendVersion(c, head, contribution, audit.changeType().code(), audit.committedAt(), prepared.content(), prepared.template().dbId());
    return withUid(prepared.tree(), new VersionUid(objectId, systemId, head.version() + 1), audit);
  }

  /** Logically deletes a composition: a new version with lifecycle "deleted". */
  public VersionUid delete(UUID ehrId, VersionUid preceding, ObjectNode committer, String description) {
    return Tx.run(dataSource, c -> {
      EhrRecord ehr = ehrService.require(c, ehrId, false);
      requireModifiable(ehr);
      Audit audit = new Audit(EhrService.now(), ChangeType.DELETED, committer, description, UUID.randomUUID());
      long contribution = contributions.insert(c, audit.contributionUid(), ehr.id(), audit);
      return delete(c, ehr, preceding, contribution, audit);
    });
  }

  VersionUid delete(Connection c, EhrRecord ehr, VersionUid preceding, long contribution, Audit audit) throws SQLException {
    Head head = lockHead(c, ehr, preceding.objectId());
    if (head.deleted()) {
      throw CdrException.conflict("Composition " + preceding.objectId() + " is already deleted");
    }
    requirePreceding(head, preceding);
    compositions.appendVersion(c, head, contribution, ChangeType.DELETED.code(), audit.committedAt(), (StoredContent) null, head.template());
    return new VersionUid(head.uid(), systemId, head.version() + 1);
  }

  private Head lockHead(Connection c, EhrRecord ehr, UUID objectId) throws SQLException {
    return head(c, ehr, objectId, true);
  }

  /** The head of a composition of this EHR; 404 when the EHR has no such composition. */
  private Head head(Connection c, EhrRecord ehr, UUID objectId, boolean forUpdate) throws SQLException {
    return compositions.findHead(c, objectId, forUpdate).filter(h -> h.ehr() == ehr.id())
        .orElseThrow(() -> CdrException.notFound("Composition " + objectId + " not found in EHR " + ehr.ehrId()));
  }

  private void requirePreceding(Head head, VersionUid preceding) {
    if (preceding.version() != head.version()) {
      throw CdrException.preconditionFailed("Version " + preceding + " is not the latest; latest is "
          + new VersionUid(head.uid(), systemId, head.version()));
    }
  }

  private static void requireModifiable(EhrRecord ehr) {
    if (!ehr.modifiable()) {
      throw CdrException.conflict("EHR " + ehr.ehrId() + " is not modifiable (EHR_STATUS.is_modifiable = false)");
    }
  }

  private StoredVersion withUid(ObjectNode tree, VersionUid uid, Audit audit) {
    ObjectNode data = tree.deepCopy();
    uid.setOn(data);
    return new StoredVersion(uid, audit, false, data);
  }

  /** The versioned composition's head and its versions' audits (no content). */
  public VersionedComposition versioned(UUID ehrId, UUID objectId) {
    return Tx.run(dataSource, c -> {
      Head head = head(c, ehrService.require(c, ehrId, false), objectId, false);
      return new VersionedComposition(ehrId, head.uid(), head.createdAt(), head.version(), head.deleted(), compositions.versions(c, head));
    });
  }

  /** One version with its content (null content for a deletion). {@code version} 0 means latest. */
  public StoredVersion version(UUID ehrId, UUID objectId, int version) {
    return Tx.run(dataSource, c -> {
      Head head = head(c, ehrService.require(c, ehrId, false), objectId, false);
      int wanted = version == 0 ? head.version() : version;
      StoredVersion meta = compositions.versions(c, head).stream().filter(v -> v.version() == wanted).findFirst()
          .orElseThrow(() -> CdrException.notFound("Composition version " + new VersionUid(objectId, systemId, wanted) + " not found"));
      return new StoredVersion(meta.uid(), meta.audit(), meta.deleted(), meta.deleted() ? null : compositions.content(c, head, wanted));
    });
  }

  /** The version current at a time (the newest committed at or before it). */
  public StoredVersion versionAt(UUID ehrId, UUID objectId, OffsetDateTime at) {
    StoredVersion found = StoredVersion.at(versioned(ehrId, objectId).versions(), at)
        .orElseThrow(() -> CdrException.notFound("Composition " + objectId + " did not exist at " + at));
    return version(ehrId, objectId, found.version());
  }

  /** A versioned composition: owner, uid, creation time, head, and every version's audit. */
  public record VersionedComposition(UUID ehrId, UUID uid, OffsetDateTime createdAt, int latestVersion, boolean deleted, List<StoredVersion> versions) {}
}
