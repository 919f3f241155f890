package se.region.cdr.bench.corpus.template;

import static se.region.cdr.bench.corpus.rm.DataValues.dvCodedText;
import static se.region.cdr.bench.corpus.rm.DataValues.dvQuantity;
import static se.region.cdr.bench.corpus.rm.DataValues.dvText;
import static se.region.cdr.bench.corpus.rm.Locatables.archetypedContainer;
import static se.region.cdr.bench.corpus.rm.Locatables.container;
import static se.region.cdr.bench.corpus.rm.Locatables.element;
import static se.region.cdr.bench.corpus.rm.Locatables.observation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import se.region.cdr.bench.corpus.rm.Compositions;

/**
 * Builds {@code IDCR - Laboratory Test Report.v0} compositions: one "Laboratory test" observation
 * per analyte, its test name coded in LOINC and its value in the panel's "Result value".
 */
public final class LabReportComposition {

  public static final String TEMPLATE_ID = "IDCR - Laboratory Test Report.v0";
  public static final String LABORATORY_TEST = "openEHR-EHR-OBSERVATION.laboratory_test.v0";

  private LabReportComposition() {}

  /** The first version: {@code results} reported at {@code time} (ISO 8601). */
  public static ObjectNode build(List<LabResult> results, String time) {
    ObjectNode[] observations = results.stream().map(r -> test(r, time)).toArray(ObjectNode[]::new);
    return Compositions.event(
        "openEHR-EHR-COMPOSITION.report-result.v1",
        TEMPLATE_ID,
        "Laboratory test report",
        time,
        "Laboratory system",
        observations);
  }

  /** The second version: the first test is marked corrected and commented; values unchanged. */
  public static ObjectNode amend(ObjectNode firstVersion) {
    ObjectNode amended = firstVersion.deepCopy();
    ArrayNode items = (ArrayNode) amended.at("/content/0/data/events/0/data/items");
    items.set(2, testStatus("Corrected", "at0115"));
    items.add(element("at0101", "Comment", dvText("Corrected report; values confirmed.")));
    return amended;
  }

  private static ObjectNode test(LabResult result, String time) {
    ObjectNode labResult =
        container(
            "CLUSTER",
            "at0002",
            "Laboratory result",
            element(
                "at0001",
                "Result value",
                dvQuantity(result.magnitude(), result.units(), result.precision())),
            element("at0005", "Result status", dvCodedText("Final", "local", "at0009")));
    ObjectNode data =
        container(
            "ITEM_TREE",
            "at0003",
            "Tree",
            element("at0005", "Test name", dvCodedText(result.name(), "LOINC", result.loincCode())),
            archetypedContainer(
                "CLUSTER",
                "openEHR-EHR-CLUSTER.laboratory_test_panel.v0",
                "Laboratory test panel",
                labResult),
            testStatus("Final", "at0038"));
    return observation(
        LABORATORY_TEST,
        "Laboratory test",
        "at0001",
        "Event Series",
        "at0002",
        "Any event",
        time,
        data);
  }

  private static ObjectNode testStatus(String value, String code) {
    return element("at0073", "Test status", dvCodedText(value, "local", code));
  }
}
