package se.region.cdr.core.ehr;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nedap.archie.rm.directory.Folder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ErrorCode;
import se.region.cdr.core.rm.CompositionFormat;
import se.region.cdr.core.rm.RmCodec;
import se.region.cdr.core.store.ContributionStore;
import se.region.cdr.core.store.DirectoryStore;
import se.region.cdr.core.store.DirectoryStore.Head;
import se.region.cdr.core.store.Tx;

/**
 * The EHR directory: one versioned FOLDER tree per EHR (openEHR {@code EHR.directory}). Every
 * change (create, update, delete) is a new version in its own contribution with an audit, as for
 * EHR_STATUS; a delete is a logical delete (a version without data). The root FOLDER's {@code uid}
 * is the version uid ({@code object_id::system_id::version}); the versioned object id is the uid
 * the first version was posted with when that is a UUID, else a new one. Sub-folders keep their
 * own uids.
 */
public final class DirectoryService {
  private final DataSource dataSource;
  private final RmCodec codec;
  private final EhrService ehrs;
  private final DirectoryStore store;
  private final ContributionStore contributions;
  private final String systemId;

  public DirectoryService(DataSource dataSource, RmCodec codec, EhrService ehrs) {
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
    this.codec = requireNonNull(codec, "codec is null");
    this.ehrs = requireNonNull(ehrs, "ehrs is null");
    this.systemId = ehrs.systemId();
    this.store = new DirectoryStore(systemId);
    this.contributions = new ContributionStore(systemId);
  }

  /** Creates the directory of an EHR; 409 when it has one (a deleted one is re-created as its next version). */
  public StoredVersion create(UUID ehrId, String body, ObjectNode committer) {
    ObjectNode folder = folderTree(body);
    return Tx.run(dataSource, c -> {
      EhrRecord ehr = modifiable(c, ehrId);
      Optional<Head> head = store.head(c, ehr.id(), true);
      if (head.isPresent() && !head.get().deleted()) {
        throw CdrException.conflict("EHR " + ehrId + " already has a directory (" + new VersionUid(head.get().uid(), systemId, head.get().version()) + ")");
      }
      OffsetDateTime now = EhrService.now();
      UUID uid;
      int version;
      if (head.isPresent()) {
        uid = head.get().uid();
        version = head.get().version() + 1;
      } else {
        uid = requestedUid(folder).orElseGet(UUID::randomUUID);
        if (store.uidTaken(c, uid)) {
          throw CdrException.conflict("A directory with uid " + uid + " already exists");
        }
        version = 1;
        store.insertHead(c, ehr.id(), EhrService.DEFAULT_TENANT, uid, now);
      }
      Audit audit = new Audit(now, ChangeType.CREATION, committer, null, UUID.randomUUID());
      return write(c, ehr, uid, version, folder, audit);
    });
  }

  /** Stores a new version; {@code preceding} must be the latest version uid. */
  public StoredVersion update(UUID ehrId, VersionUid preceding, String body, ObjectNode committer) {
    ObjectNode folder = folderTree(body);
    return Tx.run(dataSource, c -> {
      EhrRecord ehr = modifiable(c, ehrId);
      Head head = latest(c, ehr, preceding);
      Audit audit = new Audit(EhrService.now(), ChangeType.MODIFICATION, committer, null, UUID.randomUUID());
      return write(c, ehr, head.uid(), head.version() + 1, folder, audit);
    });
  }

  /** Logically deletes the directory (a new version without data); {@code preceding} must be the latest. */
  public StoredVersion delete(UUID ehrId, VersionUid preceding, ObjectNode committer) {
    return Tx.run(dataSource, c -> {
      EhrRecord ehr = modifiable(c, ehrId);
      Head head = latest(c, ehr, preceding);
      Audit audit = new Audit(EhrService.now(), ChangeType.DELETED, committer, null, UUID.randomUUID());
      return write(c, ehr, head.uid(), head.version() + 1, null, audit);
    });
  }

  /** All versions of an EHR's directory, oldest first; 404 for an unknown EHR, empty without a directory. */
  public List<StoredVersion> versions(UUID ehrId) {
    return Tx.run(dataSource, c -> store.versions(c, ehrs.require(c, ehrId, false).id()));
  }

  /** The version current at {@code at} (null: the latest); it may be a deletion. 404 when there is none. */
  public StoredVersion at(UUID ehrId, OffsetDateTime at) {
    List<StoredVersion> versions = versions(ehrId);
    if (versions.isEmpty()) {
      throw CdrException.notFound("EHR " + ehrId + " has no directory");
    }
    if (at == null) {
      return versions.get(versions.size() - 1);
    }
    return StoredVersion.at(versions, at).orElseThrow(() -> CdrException.notFound("The directory of EHR " + ehrId + " did not exist at " + at));
  }

  /** One version by its uid; 404 when the EHR has no such directory version. */
  public StoredVersion version(UUID ehrId, VersionUid uid) {
    return versions(ehrId).stream()
        .filter(v -> v.uid().objectId().equals(uid.objectId()) && v.version() == uid.version())
        .findFirst()
        .orElseThrow(() -> CdrException.notFound("Directory version " + uid + " not found in EHR " + ehrId));
  }

  /**
   * The sub-folder at a path of folder names below the root ({@code episodes/a4}); an empty path
   * or {@code /} is the root itself. A path may also start with the root's own name.
   */
  public static Optional<ObjectNode> subFolder(ObjectNode root, String path) {
    List<String> names = new ArrayList<>();
    for (String s : (path == null ? "" : path).split("/")) {
      if (!s.isBlank()) {
        names.add(s.strip());
      }
    }
    Optional<ObjectNode> found = walk(root, names);
    if (found.isEmpty() && !names.isEmpty() && names.get(0).equals(root.path("name").path("value").asText(null))) {
      found = walk(root, names.subList(1, names.size()));
    }
    return found;
  }

  private static Optional<ObjectNode> walk(ObjectNode root, List<String> names) {
    ObjectNode at = root;
    for (String name : names) {
      ObjectNode next = null;
      for (JsonNode sub : at.path("folders")) {
        if (sub.isObject() && name.equals(sub.path("name").path("value").asText(null))) {
          next = (ObjectNode) sub;
          break;
        }
      }
      if (next == null) {
        return Optional.empty();
      }
      at = next;
    }
    return Optional.of(at);
  }

  private StoredVersion write(Connection c, EhrRecord ehr, UUID uid, int version, ObjectNode folder, Audit audit) throws SQLException {
    long contribution = contributions.insert(c, audit.contributionUid(), ehr.id(), audit);
    VersionUid vuid = new VersionUid(uid, systemId, version);
    if (folder != null) {
      vuid.setOn(folder);
    }
    store.insertVersion(c, ehr.id(), version, contribution, audit.changeType().code(), folder);
    if (version > 1) {
      store.updateHead(c, ehr.id(), version, folder == null);
    }
    return new StoredVersion(vuid, audit, folder == null, folder);
  }

  private EhrRecord modifiable(Connection c, UUID ehrId) throws SQLException {
    EhrRecord ehr = ehrs.require(c, ehrId, true);
    if (!ehr.modifiable()) {
      throw CdrException.conflict("EHR " + ehrId + " is not modifiable (EHR_STATUS.is_modifiable = false)");
    }
    return ehr;
  }

  /** The head, checked to exist, to be live and to be the version the client names (412 otherwise). */
  private Head latest(Connection c, EhrRecord ehr, VersionUid preceding) throws SQLException {
    Head head = store.head(c, ehr.id(), true)
        .filter(h -> !h.deleted())
        .orElseThrow(() -> CdrException.notFound("EHR " + ehr.ehrId() + " has no directory"));
    if (!head.uid().equals(preceding.objectId()) || head.version() != preceding.version()) {
      throw CdrException.preconditionFailed("Directory version " + preceding + " is not the latest; latest is "
          + new VersionUid(head.uid(), systemId, head.version()));
    }
    return head;
  }

  /** The uid a new directory was posted with, when it is a UUID (or an OBJECT_VERSION_ID of one). */
  private static Optional<UUID> requestedUid(ObjectNode folder) {
    String value = folder.path("uid").path("value").asText("").strip();
    try {
      return value.isEmpty() ? Optional.empty() : Optional.of(UUID.fromString(value.split("::")[0]));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses and checks a FOLDER: Archie binds the canonical JSON to the RM (unknown attributes and
   * wrong RM types fail there), then every folder needs a name and an archetype_node_id, sibling
   * folders distinct names (the REST {@code path} finds folders by name), and each item an
   * OBJECT_REF with id, namespace and type. 400 with every failing path.
   */
  ObjectNode folderTree(String body) {
    JsonNode raw;
    try {
      raw = RmCodec.JSON.readTree(body == null ? "" : body);
    } catch (java.io.IOException e) {
      throw new CdrException(ErrorCode.MALFORMED_CONTENT, "The directory is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (raw == null || !raw.isObject()) {
      throw new CdrException(ErrorCode.MALFORMED_CONTENT, "The directory must be a FOLDER object");
    }
    String type = raw.path("_type").asText("FOLDER");
    if (!type.equals("FOLDER")) {
      throw new CdrException(ErrorCode.MALFORMED_CONTENT, "The directory must be a FOLDER, not " + type, List.of("/_type: " + type), null);
    }
    Folder folder = codec.read(body, CompositionFormat.JSON, null, Folder.class);
    if (folder == null) {
      throw new CdrException(ErrorCode.MALFORMED_CONTENT, "The directory must be a FOLDER object");
    }
    ObjectNode tree = codec.toTree(folder);
    List<String> problems = new ArrayList<>();
    check(tree, "", problems);
    if (!problems.isEmpty()) {
      throw new CdrException(ErrorCode.MALFORMED_CONTENT, "Invalid FOLDER: " + problems.get(0), problems, null);
    }
    return tree;
  }

  private static void check(JsonNode folder, String path, List<String> problems) {
    if (folder.path("name").path("value").asText("").isBlank()) {
      problems.add(path + "/name: a FOLDER needs a name with a value");
    }
    if (folder.path("archetype_node_id").asText("").isBlank()) {
      problems.add(path + "/archetype_node_id: a FOLDER needs an archetype_node_id");
    }
    JsonNode items = folder.path("items");
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String at = path + "/items[" + i + "]";
      if (item.path("id").path("value").asText("").isBlank()) {
        problems.add(at + "/id: an item is an OBJECT_REF and needs an id with a value");
      }
      if (item.path("namespace").asText("").isBlank()) {
        problems.add(at + "/namespace: an OBJECT_REF needs a namespace");
      }
      if (item.path("type").asText("").isBlank()) {
        problems.add(at + "/type: an OBJECT_REF needs a type");
      }
    }
    JsonNode folders = folder.path("folders");
    Set<String> names = new HashSet<>();
    for (int i = 0; i < folders.size(); i++) {
      String at = path + "/folders[" + i + "]";
      JsonNode sub = folders.get(i);
      String name = sub.path("name").path("value").asText("");
      if (!name.isBlank() && !names.add(name)) {
        problems.add(at + "/name: another sub-folder of the same folder is named '" + name + "'");
      }
      check(sub, at, problems);
    }
  }
}
