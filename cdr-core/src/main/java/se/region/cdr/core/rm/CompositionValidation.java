package se.region.cdr.core.rm;

import com.nedap.archie.rm.composition.Composition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ehrbase.openehr.sdk.validation.ConstraintViolation;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ErrorCode;
import se.region.cdr.core.template.NodePaths;
import se.region.cdr.core.template.StoredTemplate;

/**
 * Validates compositions against their operational template with the EHRbase SDK validator
 * (which wraps Archie's RM object validator): occurrences and cardinality, data types,
 * mandatory nodes, local codes, units and ranges, date/time formats. Thread-safe; one per server.
 */
public final class CompositionValidation {
  /** Per template, built on first use: stored templates are never replaced or removed. */
  private final Map<StoredTemplate, WebTemplateValidation> byTemplate = new ConcurrentHashMap<>();

  /** Attributes whose content the template does not describe (audit and links, not clinical content). */
  private static final Set<String> NOT_TEMPLATED = Set.of("feeder_audit", "links", "other_participations", "workflow_id", "guideline_id");

  /**
   * Returns one line per failing path, "path: message": the SDK validator's findings, and every
   * LOCATABLE at a path the template does not have (the SDK does not check for those).
   */
  public List<String> violations(Composition composition, ObjectNode tree, StoredTemplate template) {
    List<String> out = new ArrayList<>();
    try {
      WebTemplateValidation sdk = byTemplate.computeIfAbsent(template, t -> new WebTemplateValidation(t.webTemplate()));
      out.addAll(OpenEhrGroupCodes.violations(composition)); // first: it takes two invariants out of Archie's checks
      for (ConstraintViolation v : sdk.validate(composition)) {
        out.add((v.getAqlPath() == null ? "/" : v.getAqlPath()) + ": " + v.getMessage());
      }
    } catch (RuntimeException e) {
      out.add("/: " + RmCodec.rootMessage(e));
    }
    NodePaths allowed = template.nodePaths();
    for (String path : locatablePaths(tree)) {
      if (!allowed.allows(path)) {
        out.add(path + ": node is not in template " + template.templateId());
      }
    }
    checkCodeSystems(tree, "", allowed, out);
    return out;
  }

  /**
   * Every CODE_PHRASE ({@code defining_code}) at a path where the template names its code systems
   * must use one of them (e.g. a diagnosis coded ICD-10-SE is refused as plain ICD-10).
   */
  private static void checkCodeSystems(JsonNode node, String path, NodePaths allowed, List<String> out) {
    node.fields().forEachRemaining(field -> {
      String key = field.getKey();
      if (NOT_TEMPLATED.contains(key) || key.equals("_type")) {
        return;
      }
      JsonNode value = field.getValue();
      if (key.equals("defining_code") && value.isObject()) {
        String codePath = path + "/defining_code";
        Set<String> systems = allowed.codeSystemsAt(codePath);
        String used = value.path("terminology_id").path("value").asText("");
        if (!systems.isEmpty() && !systems.contains(used)) {
          out.add(codePath + ": code system '" + used + "' is not allowed here; the template asks for " + String.join(" or ", systems.stream().sorted().toList()));
        }
        return;
      }
      for (JsonNode child : value.isArray() ? value : List.of(value)) {
        if (child.isObject()) {
          String nodeId = child.path("archetype_node_id").asText(null);
          checkCodeSystems(child, path + "/" + key + (nodeId == null ? "" : "[" + nodeId + "]"), allowed, out);
        }
      }
    });
  }

  /** Paths (without name predicates) of the LOCATABLEs in a canonical composition tree. */
  static List<String> locatablePaths(ObjectNode composition) {
    List<String> paths = new ArrayList<>();
    walk(composition, "", paths);
    return paths;
  }

  private static void walk(JsonNode node, String path, List<String> paths) {
    node.fields().forEachRemaining(field -> {
      if (NOT_TEMPLATED.contains(field.getKey())) {
        return;
      }
      for (JsonNode child : field.getValue().isArray() ? field.getValue() : List.of(field.getValue())) {
        if (!child.isObject()) {
          continue;
        }
        String nodeId = child.path("archetype_node_id").asText(null);
        if (nodeId != null) {
          String childPath = path + "/" + field.getKey() + "[" + nodeId + "]";
          paths.add(childPath);
          walk(child, childPath, paths);
        } else if (field.getKey().equals("context")) {
          walk(child, path + "/context", paths);
        }
      }
    });
  }

  /** Throws VALIDATION_FAILED (422) listing every failing path. */
  public void requireValid(Composition composition, ObjectNode tree, StoredTemplate template) {
    List<String> violations = violations(composition, tree, template);
    if (!violations.isEmpty()) {
      throw new CdrException(
          ErrorCode.VALIDATION_FAILED,
          "Composition does not conform to template " + template.templateId() + ": " + violations.size() + " error(s)",
          violations,
          null);
    }
  }
}
