package se.region.cdr.loader;

import java.io.InputStream;
import org.ehrbase.openehr.sdk.webtemplate.model.WebTemplate;
import org.ehrbase.openehr.sdk.webtemplate.parser.OPTParser;
import org.openehr.schemas.v1.TemplateDocument;

/** The project's vital-signs web template, parsed from the templates module on the test classpath. */
public final class VitalSignsTemplate {
  private static WebTemplate webTemplate;

  private static final java.util.Map<String, String> DIRECTORIES = java.util.Map.of("CDR - Vital signs.v1", "vital_signs",
      "CDR - Care contact.v1", "care_contact", "CDR - Diagnosis.v1", "diagnosis", "CDR - Medication order.v1", "medication_order",
      "CDR - Laboratory result.v1", "laboratory_result", "CDR - Procedure.v1", "procedure", "CDR - Referral.v1", "referral",
      "CDR - Contact cost.v1", "contact_cost", "CDR - Bed occupancy.v1", "bed_occupancy", "CDR - Medication statement.v1", "medication_statement");

  private VitalSignsTemplate() {}

  /** Another of the project's templates, by id (for the shipped region mappings). */
  public static WebTemplate webTemplate(String templateId) {
    String dir = DIRECTORIES.get(templateId);
    try (InputStream in = VitalSignsTemplate.class.getClassLoader().getResourceAsStream("templates/" + dir + "/" + templateId + ".opt")) {
      return new OPTParser(TemplateDocument.Factory.parse(in).getTemplate()).parse();
    } catch (Exception e) {
      throw new IllegalStateException("template " + templateId, e);
    }
  }

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
