package se.region.cdr.bench.corpus.template;

import static se.region.cdr.bench.corpus.rm.DataValues.dvCodedText;
import static se.region.cdr.bench.corpus.rm.DataValues.dvPercent;
import static se.region.cdr.bench.corpus.rm.DataValues.dvQuantity;
import static se.region.cdr.bench.corpus.rm.DataValues.dvText;
import static se.region.cdr.bench.corpus.rm.Locatables.archetypedContainer;
import static se.region.cdr.bench.corpus.rm.Locatables.container;
import static se.region.cdr.bench.corpus.rm.Locatables.element;
import static se.region.cdr.bench.corpus.rm.Locatables.entry;
import static se.region.cdr.bench.corpus.rm.Locatables.observation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import se.region.cdr.bench.corpus.rm.Compositions;

/**
 * Builds {@code EHRN Vital signs.v2} compositions: one "Vital signs" section holding blood
 * pressure, pulse, body temperature, respiration and pulse oximetry, one event each.
 */
public final class VitalSignsComposition {

  public static final String TEMPLATE_ID = "EHRN Vital signs.v2";
  public static final String BLOOD_PRESSURE = "openEHR-EHR-OBSERVATION.blood_pressure.v2";

  private VitalSignsComposition() {}

  /** The first version: the measurements taken at {@code time} (ISO 8601). */
  public static ObjectNode build(VitalSigns signs, String time) {
    ObjectNode section =
        archetypedContainer(
            "SECTION",
            "openEHR-EHR-SECTION.vital_signs.v1",
            "Vital signs",
            bloodPressure(signs, time),
            pulse(signs, time),
            temperature(signs, time),
            respiration(signs, time),
            oximetry(signs, time));
    return Compositions.event(
        "openEHR-EHR-COMPOSITION.encounter.v1",
        TEMPLATE_ID,
        TEMPLATE_ID,
        time,
        "Ward nurse",
        section);
  }

  /** The second version: the first plus a clinical synopsis; the measurements do not change. */
  public static ObjectNode amend(ObjectNode firstVersion) {
    ObjectNode amended = firstVersion.deepCopy();
    ObjectNode synopsis =
        entry("EVALUATION", "openEHR-EHR-EVALUATION.clinical_synopsis.v1", "Clinical Synopsis");
    synopsis.set(
        "data",
        container(
            "ITEM_TREE",
            "at0001",
            "List",
            element("at0002", "Synopsis", dvText("Reviewed; values confirmed."))));
    ((ArrayNode) amended.get("content").get(0).get("items")).add(synopsis);
    return amended;
  }

  private static ObjectNode bloodPressure(VitalSigns signs, String time) {
    ObjectNode data =
        container(
            "ITEM_TREE",
            "at0003",
            "blood pressure",
            element("at0004", "Systolic", dvQuantity(signs.systolicMmHg(), "mm[Hg]", 0)),
            element("at0005", "Diastolic", dvQuantity(signs.diastolicMmHg(), "mm[Hg]", 0)));
    return observation(
        BLOOD_PRESSURE, "Blood pressure", "at0001", "History", "at0006", "Any event", time, data);
  }

  private static ObjectNode pulse(VitalSigns signs, String time) {
    ObjectNode rate =
        element(
            "at0004",
            dvCodedText("Pulse Rate", "local", "at1026"),
            dvQuantity(signs.pulsePerMin(), "/min", 0));
    ObjectNode data = container("ITEM_TREE", "at0001", "structure", rate);
    return observation(
        "openEHR-EHR-OBSERVATION.pulse.v1",
        "Pulse/Heart beat",
        "at0002",
        "history",
        "at0003",
        "Any event",
        time,
        data);
  }

  private static ObjectNode temperature(VitalSigns signs, String time) {
    ObjectNode data =
        container(
            "ITEM_TREE",
            "at0001",
            "Tree",
            element("at0004", "Temperature", dvQuantity(signs.temperatureCelsius(), "Cel", 1)));
    return observation(
        "openEHR-EHR-OBSERVATION.body_temperature.v2",
        "Body temperature",
        "at0002",
        "History",
        "at0003",
        "Any event",
        time,
        data);
  }

  private static ObjectNode respiration(VitalSigns signs, String time) {
    ObjectNode data =
        container(
            "ITEM_TREE",
            "at0003",
            "List",
            element("at0004", "Rate", dvQuantity(signs.respirationPerMin(), "/min", 0)));
    return observation(
        "openEHR-EHR-OBSERVATION.respiration.v1",
        "Respirations",
        "at0001",
        "history",
        "at0002",
        "Any event",
        time,
        data);
  }

  private static ObjectNode oximetry(VitalSigns signs, String time) {
    ObjectNode data =
        container(
            "ITEM_TREE",
            "at0003",
            "Tree",
            element("at0006", "SpO₂", dvPercent(signs.spo2Percent())));
    return observation(
        "openEHR-EHR-OBSERVATION.pulse_oximetry.v1",
        "Pulse oximetry",
        "at0001",
        "Event Series",
        "at0002",
        "Any event",
        time,
        data);
  }
}
