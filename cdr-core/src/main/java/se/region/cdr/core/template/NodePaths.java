package se.region.cdr.core.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openehr.schemas.v1.ARCHETYPEINTERNALREF;
import org.openehr.schemas.v1.ARCHETYPESLOT;
import org.openehr.schemas.v1.CARCHETYPEROOT;
import org.openehr.schemas.v1.CATTRIBUTE;
import org.openehr.schemas.v1.CCODEPHRASE;
import org.openehr.schemas.v1.CCOMPLEXOBJECT;
import org.openehr.schemas.v1.COBJECT;
import org.openehr.schemas.v1.OPERATIONALTEMPLATE;

/**
 * The paths (without name predicates) at which an operational template allows a LOCATABLE,
 * derived from the OPT definition itself, e.g.
 * {@code /content[openEHR-EHR-OBSERVATION.bp.v2]/data[at0001]/events[at0006]}.
 *
 * <p>Below an open point of the definition any path is allowed: an attribute without child
 * constraints, a complex object without attribute constraints (ADL "any allowed", e.g. a SECTION
 * or ITEM_TREE the template leaves unconstrained), and an archetype slot, which takes any
 * archetype root (its include/exclude assertions are not checked). An attribute the
 * definition does not mention is not open: EHRbase refuses content there, and so do we.
 *
 * <p>It also collects the code systems the definition names for CODE_PHRASEs (e.g.
 * {@code ICD-10-SE} at {@code .../items[at0002]/value/defining_code}): the SDK validator checks
 * local and openEHR codes but lets any terminology through where the template names an external
 * one without a code list.
 */
public final class NodePaths {
  private final Set<String> exact;
  private final List<String> open;
  private final Map<String, Set<String>> codeSystems;

  private NodePaths(Set<String> exact, List<String> open, Map<String, Set<String>> codeSystems) {
    this.exact = Set.copyOf(exact);
    this.open = List.copyOf(open);
    this.codeSystems = Map.copyOf(codeSystems);
  }

  /** Collects the paths of an OPT's definition. */
  public static NodePaths of(OPERATIONALTEMPLATE opt) {
    Collector collector = new Collector();
    collector.exact.add("");
    collector.visitAttributes(opt.getDefinition(), "", opt.getDefinition());
    Map<String, Set<String>> systems = new HashMap<>();
    collector.codeSystems.forEach((path, ids) -> systems.put(path, Set.copyOf(ids)));
    return new NodePaths(collector.exact, collector.open, systems);
  }

  /**
   * The terminology ids the template allows for the CODE_PHRASE at this path (archetype node ids
   * as predicates, e.g. {@code /content[...]/data[at0001]/items[at0002]/value/defining_code}); empty
   * when the template names none there (or the path is not constrained).
   */
  public Set<String> codeSystemsAt(String path) {
    return codeSystems.getOrDefault(path, Set.of());
  }

  /** Whether the template allows a LOCATABLE at this path (archetype node ids as predicates). */
  public boolean allows(String path) {
    if (exact.contains(path)) {
      return true;
    }
    for (String prefix : open) {
      if (path.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static final class Collector {
    final Set<String> exact = new HashSet<>();
    final List<String> open = new ArrayList<>();
    final Map<String, Set<String>> codeSystems = new HashMap<>();
    /** Internal-reference targets being expanded, to stop at recursive structures. */
    final Set<COBJECT> expanding = Collections.newSetFromMap(new IdentityHashMap<>());

    void visitAttributes(CCOMPLEXOBJECT object, String path, CCOMPLEXOBJECT archetypeRoot) {
      CATTRIBUTE[] attributes = object.getAttributesArray();
      if (attributes.length == 0) {
        open.add(path + "/");
        return;
      }
      for (CATTRIBUTE attribute : attributes) {
        String attributePath = path + "/" + attribute.getRmAttributeName();
        COBJECT[] children = attribute.getChildrenArray();
        if (children.length == 0) {
          openAttribute(attributePath);
        }
        for (COBJECT child : children) {
          visit(child, attributePath, archetypeRoot);
        }
      }
    }

    private void openAttribute(String attributePath) {
      open.add(attributePath + "[");
      open.add(attributePath + "/");
    }

    private void visit(COBJECT child, String attributePath, CCOMPLEXOBJECT archetypeRoot) {
      if (child instanceof ARCHETYPESLOT) {
        open.add(attributePath + "[openEHR-"); // a slot holds archetype roots only
      } else if (child instanceof CARCHETYPEROOT root) {
        String path = attributePath + "[" + root.getArchetypeId().getValue() + "]";
        exact.add(path);
        visitAttributes(root, path, root);
      } else if (child instanceof ARCHETYPEINTERNALREF ref) {
        COBJECT target = resolve(archetypeRoot, ref.getTargetPath());
        if (target == null || !expanding.add(target)) {
          // unresolvable, or a recursive structure: open, as its depth has no bound
          openAttribute(attributePath);
          return;
        }
        visit(target, attributePath, archetypeRoot);
        expanding.remove(target);
      } else if (child instanceof CCODEPHRASE code && code.getTerminologyId() != null && code.getTerminologyId().getValue() != null
          && !code.getTerminologyId().getValue().isBlank()) {
        codeSystems.computeIfAbsent(attributePath, k -> new HashSet<>()).add(code.getTerminologyId().getValue());
      } else if (child instanceof CCOMPLEXOBJECT object) {
        String nodeId = object.getNodeId();
        String path = nodeId == null || nodeId.isEmpty() ? attributePath : attributePath + "[" + nodeId + "]";
        exact.add(path);
        visitAttributes(object, path, archetypeRoot);
      }
    }

    /** The object at an archetype-relative path such as {@code /data[at0001]/events[at0002]}. */
    private static COBJECT resolve(CCOMPLEXOBJECT archetypeRoot, String targetPath) {
      if (targetPath == null) {
        return null;
      }
      COBJECT current = archetypeRoot;
      for (String segment : targetPath.split("/")) {
        if (segment.isEmpty()) {
          continue;
        }
        if (!(current instanceof CCOMPLEXOBJECT object)) {
          return null;
        }
        int bracket = segment.indexOf('[');
        String attributeName = bracket < 0 ? segment : segment.substring(0, bracket);
        String nodeId = bracket < 0 ? "" : segment.substring(bracket + 1).split("[,\\]]", 2)[0].trim();
        current = child(object, attributeName, nodeId);
      }
      return current;
    }

    private static COBJECT child(CCOMPLEXOBJECT object, String attributeName, String nodeId) {
      for (CATTRIBUTE attribute : object.getAttributesArray()) {
        if (!attribute.getRmAttributeName().equals(attributeName)) {
          continue;
        }
        for (COBJECT child : attribute.getChildrenArray()) {
          String id = child instanceof CARCHETYPEROOT root ? root.getArchetypeId().getValue() : child.getNodeId();
          if (nodeId.isEmpty() || nodeId.equals(id) || nodeId.equals(child.getNodeId())) {
            return child;
          }
        }
      }
      return null;
    }
  }
}
