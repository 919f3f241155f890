package se.region.cdr.core.template;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.ehrbase.openehr.sdk.webtemplate.model.WebTemplate;
import org.ehrbase.openehr.sdk.webtemplate.model.WebTemplateNode;
import org.ehrbase.openehr.sdk.webtemplate.parser.OPTParser;
import org.openehr.schemas.v1.OPERATIONALTEMPLATE;

/** A stored operational template: its database id, the parsed OPT, the source XML and its web template. */
public final class StoredTemplate {
  private final int dbId;
  private final OPERATIONALTEMPLATE opt;
  private final String optXml;
  private final OffsetDateTime createdAt;
  private final AtomicReference<WebTemplate> webTemplate = new AtomicReference<>();
  private final AtomicReference<Set<String>> nodePaths = new AtomicReference<>();

  StoredTemplate(int dbId, OPERATIONALTEMPLATE opt, String optXml, OffsetDateTime createdAt) {
    this.dbId = dbId;
    this.opt = opt;
    this.optXml = optXml;
    this.createdAt = createdAt;
  }

  public int dbId() {
    return dbId;
  }

  public String templateId() {
    return opt.getTemplateId().getValue();
  }

  public String concept() {
    return opt.getConcept();
  }

  public String rootArchetypeId() {
    return opt.getDefinition().getArchetypeId().getValue();
  }

  public OPERATIONALTEMPLATE opt() {
    return opt;
  }

  public String optXml() {
    return optXml;
  }

  public OffsetDateTime createdAt() {
    return createdAt;
  }

  /**
   * Every path (name predicates removed) at which the template allows a LOCATABLE, e.g.
   * {@code /content[openEHR-EHR-OBSERVATION.bp.v2]/data[at0001]/events[at0006]}: the prefixes,
   * ending in a node id, of the web template's node paths.
   */
  public Set<String> nodePaths() {
    Set<String> paths = nodePaths.get();
    if (paths == null) {
      Set<String> collected = new HashSet<>();
      collected.add("");
      collectPaths(webTemplate().getTree(), collected);
      paths = Set.copyOf(collected);
      nodePaths.compareAndSet(null, paths);
    }
    return paths;
  }

  private static void collectPaths(WebTemplateNode node, Set<String> out) {
    String path = withoutNames(node.getAqlPath());
    for (int end = path.indexOf(']'); end >= 0; end = path.indexOf(']', end + 1)) {
      out.add(path.substring(0, end + 1));
    }
    for (WebTemplateNode child : node.getChildren()) {
      collectPaths(child, out);
    }
  }

  /** Removes name predicates: {@code items[at0001,'x']} becomes {@code items[at0001]}. */
  public static String withoutNames(String path) {
    return path == null ? "" : NAME_PREDICATE.matcher(path).replaceAll("]");
  }

  /** A name predicate up to the closing {@code ']}: names may themselves hold apostrophes. */
  private static final Pattern NAME_PREDICATE = Pattern.compile("\\s*(,|and)\\s*(name/value\\s*=\\s*)?'.*?'\\s*]");

  /** The web template, built on first use (the OPTParser is not cheap). */
  public WebTemplate webTemplate() {
    WebTemplate wt = webTemplate.get();
    if (wt == null) {
      wt = new OPTParser(opt).parse();
      webTemplate.compareAndSet(null, wt);
    }
    return wt;
  }
}
