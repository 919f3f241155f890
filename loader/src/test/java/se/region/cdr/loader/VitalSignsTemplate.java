package se.region.cdr.loader;

import java.io.InputStream;
import org.ehrbase.openehr.sdk.webtemplate.model.WebTemplate;
import org.ehrbase.openehr.sdk.webtemplate.parser.OPTParser;
import org.openehr.schemas.v1.TemplateDocument;

/** The project's vital-signs web template, parsed from the templates module on the test classpath. */
public final class VitalSignsTemplate {
  private static WebTemplate webTemplate;

  private VitalSignsTemplate() {}

  public static synchronized WebTemplate webTemplate() {
    if (webTemplate == null) {
      try (InputStream in = VitalSignsTemplate.class.getClassLoader().getResourceAsStream("templates/vital_signs/CDR - Vital signs.v1.opt")) {
        webTemplate = new OPTParser(TemplateDocument.Factory.parse(in).getTemplate()).parse();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return webTemplate;
  }
}
