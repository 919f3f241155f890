package se.region.cdr.bench.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The AQL of each class, exactly, and the request body around it. */
class QueryTextsTest {

  private static final String BP = "openEHR-EHR-OBSERVATION.blood_pressure.v2";
  private static final String SYSTOLIC =
      "o/data[at0001]/events[at0006]/data[at0003]/items[at0004]/value/magnitude";
  private static final String DIAGNOSIS = "d/data[at0001]/items[at0002]/value/defining_code";

  @Test
  void onePatientQueries() {
    assertEquals(
        "SELECT o/data[at0001]/events[at0006]/time/value AS event_time, "
            + SYSTOLIC
            + " AS systolic,"
            + " o/data[at0001]/events[at0006]/data[at0003]/items[at0005]/value/magnitude AS"
            + " diastolic FROM EHR e[ehr_id/value=$ehr_id] CONTAINS COMPOSITION c CONTAINS"
            + " OBSERVATION o["
            + BP
            + "] ORDER BY o/data[at0001]/events[at0006]/time/value DESC LIMIT 10",
        QueryTexts.Q1_LATEST_VITALS);
    assertEquals(
        "SELECT c/uid/value AS uid, c/archetype_details/template_id/value AS template_id,"
            + " c/context/start_time/value AS start_time"
            + " FROM EHR e[ehr_id/value=$ehr_id] CONTAINS COMPOSITION c"
            + " ORDER BY c/context/start_time/value DESC",
        QueryTexts.Q2_COMPOSITION_INDEX);
  }

  @Test
  void populationQueries() {
    String from = " FROM EHR e CONTAINS COMPOSITION c CONTAINS OBSERVATION o[" + BP + "]";
    assertEquals(
        "SELECT COUNT(DISTINCT e/ehr_id/value) AS ehrs" + from + " WHERE " + SYSTOLIC + " >= 180",
        QueryTexts.Q3A_SYSTOLIC_180);
    assertEquals(
        "SELECT COUNT(DISTINCT e/ehr_id/value) AS ehrs" + from + " WHERE " + SYSTOLIC + " >= 140",
        QueryTexts.Q3B_SYSTOLIC_140);
    assertEquals(
        "SELECT COUNT(DISTINCT e/ehr_id/value) AS ehrs FROM EHR e CONTAINS COMPOSITION c"
            + " CONTAINS EVALUATION d[openEHR-EHR-EVALUATION.problem_diagnosis.v1] WHERE "
            + DIAGNOSIS
            + "/code_string = $code AND "
            + DIAGNOSIS
            + "/terminology_id/value = 'ICD10'",
        QueryTexts.Q4_DIAGNOSIS);
    assertEquals(
        "SELECT COUNT(DISTINCT e/ehr_id/value) AS ehrs FROM EHR e CONTAINS ((COMPOSITION c1 CONTAINS"
            + " EVALUATION d[openEHR-EHR-EVALUATION.problem_diagnosis.v1]) AND (COMPOSITION c2"
            + " CONTAINS OBSERVATION l[openEHR-EHR-OBSERVATION.laboratory_test.v0])) WHERE "
            + DIAGNOSIS
            + "/code_string = 'E11' AND "
            + DIAGNOSIS
            + "/terminology_id/value = 'ICD10'"
            + " AND l/data[at0001]/events[at0002]/data[at0003]/items[at0005]/value/defining_code"
            + "/code_string = '59261-8'"
            + " AND l/data[at0001]/events[at0002]/data[at0003]"
            + "/items[openEHR-EHR-CLUSTER.laboratory_test_panel.v0]/items[at0002]/items[at0001]"
            + "/value/magnitude > 48",
        QueryTexts.Q5_E11_AND_HBA1C);
    assertEquals(
        "SELECT e/ehr_id/value AS ehr_id, c/uid/value AS uid,"
            + " c/context/start_time/value AS start_time, "
            + SYSTOLIC
            + " AS systolic"
            + from
            + " WHERE "
            + SYSTOLIC
            + " > 130 ORDER BY c/context/start_time/value DESC LIMIT 50",
        QueryTexts.Q6_WARD_LIST);
    assertEquals(
        "SELECT COUNT("
            + SYSTOLIC
            + ") AS readings, AVG("
            + SYSTOLIC
            + ") AS average, MIN("
            + SYSTOLIC
            + ") AS lowest, MAX("
            + SYSTOLIC
            + ") AS highest"
            + from
            + " WHERE c/context/start_time/value >= $since",
        QueryTexts.Q7_SYSTOLIC_SINCE);
  }

  @Test
  void bodyCarriesTheParametersOnlyWhenThereAreAny() {
    assertEquals("{\"q\":\"SELECT 1\"}", QueryTexts.body("SELECT 1", Map.of()));
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("code", "E11");
    parameters.put("ehr_id", "7d44b88c-4199-4bad-97dc-d78268e01398");
    assertEquals(
        "{\"q\":\"SELECT x\",\"query_parameters\":{\"code\":\"E11\","
            + "\"ehr_id\":\"7d44b88c-4199-4bad-97dc-d78268e01398\"}}",
        QueryTexts.body("SELECT x", parameters));
  }

  @Test
  void everyAqlClassSaysWhichParametersItTakes() {
    for (QueryClass queryClass : QueryClass.values()) {
      String aql = queryClass.aql();
      if (aql == null) {
        assertEquals(QueryClass.Q9, queryClass);
        continue;
      }
      assertEquals(queryClass.needsEhrId(), aql.contains("$ehr_id"), queryClass.name());
    }
  }
}
