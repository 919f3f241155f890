package se.region.cdr.loader.mapping;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ehrbase.openehr.sdk.webtemplate.model.WebTemplate;
import org.ehrbase.openehr.sdk.webtemplate.model.WebTemplateNode;

/**
 * The FLAT (simSDT) element paths of a web template, without {@code :n} indexes and {@code |}
 * suffixes, to check a mapping's rules once when it is loaded rather than on every record. A
 * segment starting with '_' names an RM attribute the web template leaves out (e.g.
 * {@code context/_end_time}, {@code composer/_identifier}); it is accepted below any known node. Data
 * structures (HISTORY, ITEM_TREE, ...) have no segment of their own in FLAT paths.
 */
public final class TemplatePaths {
  private final String rootId;
  private final Set<String> paths = new HashSet<>();

  private TemplatePaths(WebTemplate webTemplate) {
    WebTemplateNode root = webTemplate.getTree();
    rootId = root.getId();
    add(root, rootId);
  }

  public static TemplatePaths of(WebTemplate webTemplate) {
    return new TemplatePaths(webTemplate);
  }

  private void add(WebTemplateNode node, String path) {
    paths.add(path);
    for (WebTemplateNode child : node.getChildren()) {
      add(child, STRUCTURES.contains(child.getRmType()) ? path : path + "/" + child.getId());
      if (EVENTS.contains(child.getRmType()) && child.getMax() == 1) {
        // the SDK's FLAT format leaves out a single event's own segment (laboratory_test_result:0/time)
        add(child, path);
      }
    }
  }

  private static final Set<String> EVENTS = Set.of("EVENT", "POINT_EVENT", "INTERVAL_EVENT");

  /** Data structures FLAT paths step over (their children appear directly below the parent). */
  private static final Set<String> STRUCTURES = Set.of("HISTORY", "ITEM_TREE", "ITEM_LIST", "ITEM_SINGLE", "ITEM_TABLE");

  /** Whether a FLAT path (with or without indexes and suffix) names an element of the template. */
  public boolean knows(String flatPath) {
    String path = flatPath;
    int bar = path.indexOf('|');
    if (bar >= 0) {
      path = path.substring(0, bar);
    }
    StringBuilder prefix = new StringBuilder();
    for (String segment : path.split("/")) {
      if (segment.startsWith("_") && prefix.length() > 0) {
        return true;
      }
      String bare = segment.replaceFirst(":\\d+$", "");
      if (prefix.length() > 0) {
        prefix.append('/');
      }
      prefix.append(bare);
      if (!paths.contains(prefix.toString())) {
        return false;
      }
    }
    return true;
  }

  /** Throws a MappingException naming every rule whose path is not in the template. */
  public void check(Mapping mapping) {
    List<String> bad = new ArrayList<>();
    for (FieldRule r : mapping.rules()) {
      if (!knows(r.path())) {
        bad.add(r.name() + ": path " + r.path() + " is not in template " + mapping.templateId());
      }
    }
    if (!bad.isEmpty()) {
      throw new MappingException("mapping " + mapping.label() + ": " + String.join("; ", bad)
          + " (FLAT paths start with the root id '" + rootId + "')");
    }
  }

  public String rootId() {
    return rootId;
  }
}
