package se.region.cdr.bench.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import se.region.cdr.bench.corpus.Analyte;
import se.region.cdr.bench.corpus.Icd10Catalogue;
import se.region.cdr.bench.corpus.template.LabReportComposition;
import se.region.cdr.bench.corpus.template.ProblemListComposition;
import se.region.cdr.bench.corpus.template.VitalSignsComposition;

/**
 * The AQL of the query classes, in standard AQL that EHRbase accepts as well, with the archetype
 * ids and at-codes of the corpus templates. Random parameters are {@code $} query parameters; the
 * fixed thresholds of BENCHMARK.md are literals.
 */
public final class QueryTexts {

  static final String BLOOD_PRESSURE = VitalSignsComposition.BLOOD_PRESSURE;
  static final String PROBLEM_DIAGNOSIS = ProblemListComposition.PROBLEM_DIAGNOSIS;
  static final String LABORATORY_TEST = LabReportComposition.LABORATORY_TEST;

  /** Blood pressure: the one event's time, systolic and diastolic. */
  static final String BP_EVENT = "o/data[at0001]/events[at0006]";

  static final String EVENT_TIME = BP_EVENT + "/time/value";
  static final String SYSTOLIC = BP_EVENT + "/data[at0003]/items[at0004]/value/magnitude";
  static final String DIASTOLIC = BP_EVENT + "/data[at0003]/items[at0005]/value/magnitude";

  /** Problem/Diagnosis name, coded in ICD-10. */
  static final String DIAGNOSIS = "d/data[at0001]/items[at0002]/value/defining_code";

  static final String DIAGNOSIS_CODE = DIAGNOSIS + "/code_string";
  static final String DIAGNOSIS_TERMINOLOGY = DIAGNOSIS + "/terminology_id/value";

  /** Laboratory test: test name (LOINC) and the panel's result value, one analyte per test. */
  static final String LAB_DATA = "l/data[at0001]/events[at0002]/data[at0003]";

  static final String ANALYTE_CODE = LAB_DATA + "/items[at0005]/value/defining_code/code_string";
  static final String ANALYTE_VALUE =
      LAB_DATA
          + "/items[openEHR-EHR-CLUSTER.laboratory_test_panel.v0]/items[at0002]/items[at0001]"
          + "/value/magnitude";

  static final String START_TIME = "c/context/start_time/value";

  static final String FROM_BLOOD_PRESSURE =
      " FROM EHR e CONTAINS COMPOSITION c CONTAINS OBSERVATION o[" + BLOOD_PRESSURE + "]";

  public static final String Q1_LATEST_VITALS =
      "SELECT "
          + EVENT_TIME
          + " AS event_time, "
          + SYSTOLIC
          + " AS systolic, "
          + DIASTOLIC
          + " AS diastolic"
          + " FROM EHR e[ehr_id/value=$ehr_id] CONTAINS COMPOSITION c"
          + " CONTAINS OBSERVATION o["
          + BLOOD_PRESSURE
          + "]"
          + " ORDER BY "
          + EVENT_TIME
          + " DESC LIMIT 10";

  public static final String Q2_COMPOSITION_INDEX =
      "SELECT c/uid/value AS uid, c/archetype_details/template_id/value AS template_id, "
          + START_TIME
          + " AS start_time"
          + " FROM EHR e[ehr_id/value=$ehr_id] CONTAINS COMPOSITION c"
          + " ORDER BY "
          + START_TIME
          + " DESC";

  public static final String Q3A_SYSTOLIC_180 = systolicCount(180);
  public static final String Q3B_SYSTOLIC_140 = systolicCount(140);

  /** Q4a (a rare code) and Q4b (E11): the code is the {@code $code} parameter. */
  public static final String Q4_DIAGNOSIS =
      "SELECT COUNT(DISTINCT e/ehr_id/value) AS ehrs"
          + " FROM EHR e CONTAINS COMPOSITION c CONTAINS EVALUATION d["
          + PROBLEM_DIAGNOSIS
          + "]"
          + " WHERE "
          + DIAGNOSIS_CODE
          + " = $code AND "
          + DIAGNOSIS_TERMINOLOGY
          + " = '"
          + ProblemListComposition.ICD10
          + "'";

  public static final String Q5_E11_AND_HBA1C =
      "SELECT COUNT(DISTINCT e/ehr_id/value) AS ehrs"
          + " FROM EHR e CONTAINS ((COMPOSITION c1 CONTAINS EVALUATION d["
          + PROBLEM_DIAGNOSIS
          + "]) AND (COMPOSITION c2 CONTAINS OBSERVATION l["
          + LABORATORY_TEST
          + "]))" // parenthesised: without them AQL reads c1 CONTAINS (d AND c2 ...)
          + " WHERE "
          + DIAGNOSIS_CODE
          + " = '"
          + Icd10Catalogue.TYPE_2_DIABETES
          + "' AND "
          + DIAGNOSIS_TERMINOLOGY
          + " = '"
          + ProblemListComposition.ICD10
          + "' AND "
          + ANALYTE_CODE
          + " = '"
          + Analyte.HBA1C.loincCode()
          + "' AND "
          + ANALYTE_VALUE
          + " > 48";

  public static final String Q6_WARD_LIST =
      "SELECT e/ehr_id/value AS ehr_id, c/uid/value AS uid, "
          + START_TIME
          + " AS start_time, "
          + SYSTOLIC
          + " AS systolic"
          + FROM_BLOOD_PRESSURE
          + " WHERE "
          + SYSTOLIC
          + " > 130"
          + " ORDER BY "
          + START_TIME
          + " DESC LIMIT 50";

  public static final String Q7_SYSTOLIC_SINCE =
      "SELECT COUNT("
          + SYSTOLIC
          + ") AS readings, AVG("
          + SYSTOLIC
          + ") AS average, MIN("
          + SYSTOLIC
          + ") AS lowest, MAX("
          + SYSTOLIC
          + ") AS highest"
          + FROM_BLOOD_PRESSURE
          + " WHERE "
          + START_TIME
          + " >= $since";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private QueryTexts() {}

  private static String systolicCount(int threshold) {
    return "SELECT COUNT(DISTINCT e/ehr_id/value) AS ehrs"
        + FROM_BLOOD_PRESSURE
        + " WHERE "
        + SYSTOLIC
        + " >= "
        + threshold;
  }

  /**
   * The JSON body of {@code POST /query/aql}: {@code {"q": ..., "query_parameters": {...}}}, the
   * parameters left out when there are none.
   */
  public static String body(String aql, Map<String, ?> parameters) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("q", aql);
    if (!parameters.isEmpty()) {
      body.set("query_parameters", MAPPER.valueToTree(parameters));
    }
    return body.toString();
  }
}
