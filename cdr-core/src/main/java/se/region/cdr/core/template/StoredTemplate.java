package se.region.cdr.core.template;

import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicReference;
import org.ehrbase.openehr.sdk.webtemplate.model.WebTemplate;
import org.ehrbase.openehr.sdk.webtemplate.parser.OPTParser;
import org.openehr.schemas.v1.OPERATIONALTEMPLATE;

/** A stored operational template: its database id, the parsed OPT, the source XML and its web template. */
public final class StoredTemplate {
  private final int dbId;
  private final OPERATIONALTEMPLATE opt;
  private final String optXml;
  private final OffsetDateTime createdAt;
  private final AtomicReference<WebTemplate> webTemplate = new AtomicReference<>();
  private final AtomicReference<NodePaths> nodePaths = new AtomicReference<>();

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

  /** The paths at which the template allows a LOCATABLE, derived from the OPT definition once. */
  public NodePaths nodePaths() {
    NodePaths paths = nodePaths.get();
    if (paths == null) {
      paths = NodePaths.of(opt);
      nodePaths.compareAndSet(null, paths);
    }
    return paths;
  }

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
