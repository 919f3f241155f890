package se.region.cdr.loader.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.region.cdr.loader.LoaderSettings;
import se.region.cdr.loader.MappingCatalog;
import se.region.cdr.loader.mapping.Mapping;
import se.region.cdr.loader.mapping.MappingException;
import se.region.cdr.loader.mapping.MappingParser;
import se.region.cdr.loader.transform.MappedRecord;
import se.region.cdr.loader.transform.Pseudonymizer;
import se.region.cdr.loader.transform.RecordInfo;
import se.region.cdr.loader.transform.RecordMapper;
import se.region.cdr.loader.transform.Rejection;

/** The FHIR bundle reader's references, element path alternatives, quarantine copies and the Synthea mappings' code tables (no database). */
class FhirBundleReaderTest {
  private static final String ORG = "Organization?identifier=https://github.com/synthetichealth/synthea|org-1";
  /** A Synthea-shaped bundle: patient (SSN), encounter (conditional serviceProvider, names in displays), condition, order, observations. */
  private static final String BUNDLE = """
      {"resourceType": "Bundle", "type": "transaction", "entry": [
        {"fullUrl": "urn:uuid:p1", "resource": {"resourceType": "Patient", "id": "p1",
          "identifier": [{"system": "https://github.com/synthetichealth/synthea", "value": "p1"},
                         {"system": "http://hl7.org/fhir/sid/us-ssn", "value": "999-12-3456"}],
          "name": [{"family": "Doe123", "given": ["Jane456"]}]}},
        {"fullUrl": "urn:uuid:e1", "resource": {"resourceType": "Encounter", "id": "e1", "class": {"code": "AMB"},
          "subject": {"reference": "urn:uuid:p1", "display": "Mrs. Jane456 Doe123"},
          "participant": [{"individual": {"reference": "Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|999", "display": "Dr. Who789"}}],
          "period": {"start": "2020-01-02T10:00:00+00:00", "end": "2020-01-02T10:30:00+00:00"},
          "serviceProvider": {"reference": "%s", "display": "A CLINIC"}}},
        {"fullUrl": "urn:uuid:c1", "resource": {"resourceType": "Condition", "id": "c1",
          "code": {"coding": [{"system": "http://snomed.info/sct", "code": "444814009"}]},
          "subject": {"reference": "urn:uuid:p1"}, "encounter": {"reference": "urn:uuid:e1"},
          "onsetDateTime": "2020-01-02T10:10:00+00:00", "recordedDate": "2020-01-02T10:10:00+00:00"}},
        {"fullUrl": "urn:uuid:c2", "resource": {"resourceType": "Condition", "id": "c2",
          "code": {"coding": [{"system": "http://snomed.info/sct", "code": "160903007"}]},
          "subject": {"reference": "urn:uuid:p1"}, "encounter": {"reference": "urn:uuid:e1"}, "recordedDate": "2020-01-02T10:10:00+00:00"}},
        {"fullUrl": "urn:uuid:m1", "resource": {"resourceType": "Medication", "id": "m1",
          "code": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "205923"}]}}},
        {"fullUrl": "urn:uuid:r1", "resource": {"resourceType": "MedicationRequest", "id": "r1", "intent": "order",
          "medicationReference": {"reference": "urn:uuid:m1"}, "subject": {"reference": "urn:uuid:p1"},
          "encounter": {"reference": "urn:uuid:e1"}, "authoredOn": "2020-01-02T10:20:00+00:00"}},
        {"fullUrl": "urn:uuid:o1", "resource": {"resourceType": "Observation", "id": "o1", "status": "final",
          "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "vital-signs"}]}],
          "code": {"coding": [{"system": "http://loinc.org", "code": "72514-3"}]}, "subject": {"reference": "urn:uuid:p1"},
          "encounter": {"reference": "urn:uuid:e1"}, "effectiveDateTime": "2020-01-02T10:05:00+00:00", "valueQuantity": {"value": 2, "code": "{score}"}}},
        {"fullUrl": "urn:uuid:o2", "resource": {"resourceType": "Observation", "id": "o2", "status": "final",
          "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "laboratory"}]}],
          "code": {"coding": [{"system": "http://loinc.org", "code": "2345-7"}], "text": "Glucose"}, "subject": {"reference": "urn:uuid:p1"},
          "encounter": {"reference": "urn:uuid:e1"}, "effectiveDateTime": "2020-01-02T10:05:00+00:00",
          "valueQuantity": {"value": 90, "code": "mg/dL"}}}
      ]}
      """.formatted(ORG);

  private static List<SourceRecord> read(String... types) throws Exception {
    List<SourceRecord> out = new ArrayList<>();
    try (FhirBundleReader reader = new FhirBundleReader(new ByteArrayInputStream(BUNDLE.getBytes(StandardCharsets.UTF_8)), List.of(types))) {
      SourceRecord r;
      while ((r = reader.next()) != null) {
        out.add(r);
      }
    }
    return out;
  }

  @Test
  void referencesResolveByFullUrlAndConditionalIdentifierEvenWhenTheTargetIsInAnotherBundle() throws Exception {
    SourceRecord encounter = read("Encounter").get(0);
    assertEquals("999-12-3456", encounter.value("subject.reference.resolve().identifier[system=http://hl7.org/fhir/sid/us-ssn].value"));
    assertEquals("org-1", encounter.value("serviceProvider.reference.resolve().identifier[system=https://github.com/synthetichealth/synthea].value"));
    assertEquals("Organization", encounter.value("serviceProvider.reference.resolve().resourceType"));
    SourceRecord condition = read("Condition").get(0);
    assertEquals("org-1", condition.value(
        "encounter.reference.resolve().serviceProvider.reference.resolve().identifier[system=https://github.com/synthetichealth/synthea].value"));
    assertEquals("AMB", condition.value("encounter.reference.resolve().class.code"));
  }

  @Test
  void alternativesGiveTheFirstThatHasAValue() throws Exception {
    SourceRecord order = read("MedicationRequest").get(0);
    String rxnorm = "medicationCodeableConcept.coding[system=http://www.nlm.nih.gov/research/umls/rxnorm].code"
        + " | medicationReference.reference.resolve().code.coding[system=http://www.nlm.nih.gov/research/umls/rxnorm].code";
    assertEquals("205923", order.value(rxnorm));
    SourceRecord encounter = read("Encounter").get(0);
    assertEquals("999-12-3456", encounter.value("subject.reference.resolve().identifier[system=http://electronichealth.se/identifier/personnummer].value"
        + " | subject.reference.resolve().identifier[system=http://hl7.org/fhir/sid/us-ssn].value"));
    assertNull(encounter.value("nothing | neither.here"));
    assertThrows(IllegalArgumentException.class, () -> ElementPath.of("a | | b"));
  }

  @Test
  void quarantineCopiesHoldNoNamesAndNoPatientReference() throws Exception {
    String encounter = read("Encounter").get(0).raw().toString();
    assertFalse(encounter.contains("Jane456") || encounter.contains("Doe123") || encounter.contains("Who789") || encounter.contains("A CLINIC"), encounter);
    assertFalse(encounter.contains("urn:uuid:p1"), encounter);
    assertTrue(encounter.contains(FhirBundleReader.PATIENT_REFERENCE) && encounter.contains(ORG), encounter);
    String patient = read("Patient").get(0).raw().toString();
    assertFalse(patient.contains("Jane456") || patient.contains("999-12-3456") || patient.contains("p1"), patient);
  }

  @Test
  void syntheaMappingsTranslateByCodeTableAndRejectUnmappedCodesWithPath() throws Exception {
    RecordMapper conditions = mapper("synthea-conditions.yaml");
    List<SourceRecord> records = read("Condition");
    MappedRecord sinusitis = map(conditions, records.get(0));
    assertEquals("J01.9", sinusitis.flat().path("diagnosis/secondary_diagnosis:0/problem_diagnosis_name|code").asText());
    assertEquals("ICD-10-SE", sinusitis.flat().path("diagnosis/secondary_diagnosis:0/problem_diagnosis_name|terminology").asText());
    assertEquals("238", sinusitis.flat().path("diagnosis/context/setting|code").asText());
    Rejection employment = assertThrows(Rejection.class, () -> map(conditions, records.get(1)));
    assertEquals("unknown_code", employment.reasonCode());
    assertEquals("diagnosis/secondary_diagnosis:0/problem_diagnosis_name", employment.path());

    MappedRecord epoetin = map(mapper("synthea-medication-requests.yaml"), read("MedicationRequest").get(0));
    assertEquals("B03XA01", epoetin.flat().path("medication_order/medication_order:0/order/medication_item|code").asText());

    MappedRecord glucose = map(mapper("synthea-labs.yaml"), read("Observation").get(1));
    assertEquals("NPU02192", glucose.flat().path("laboratory_result/laboratory_test_result:0/laboratory_analyte_result:0/analyte_name|code").asText());
    JsonNode magnitude = glucose.flat().path("laboratory_result/laboratory_test_result:0/laboratory_analyte_result:0/analyte_result|magnitude");
    assertEquals(5.0, magnitude.asDouble(), 1e-9); // 90 mg/dL
  }

  @Test
  void requireRejectsSelectedRecordsItDoesNotCoverAndSelectSkipsOthers() throws Exception {
    Mapping vitals = MappingParser.parse(MappingCatalog.shipped("synthea-vital-signs.yaml"));
    RecordMapper mapper = new RecordMapper(vitals, new Pseudonymizer(LoaderSettings.TEST_KEY), "vital_signs");
    List<SourceRecord> observations = read("Observation");
    assertTrue(mapper.selected(observations.get(0)));
    assertFalse(mapper.selected(observations.get(1)), "a laboratory observation is not the vital-signs mapping's");
    Rejection pain = assertThrows(Rejection.class, () -> map(mapper, observations.get(0)));
    assertEquals("unknown_code", pain.reasonCode());
    assertEquals("code.coding[system=http://loinc.org].code", pain.path());
    assertTrue(pain.getMessage().contains("72514-3"), pain.getMessage());
  }

  @Test
  void codeTablesAreCheckedWhenTheMappingIsParsed() {
    String text = MappingCatalog.shipped("synthea-conditions.yaml");
    MappingException unknown = assertThrows(MappingException.class, () -> MappingParser.parse(text.replace("codeTable: snomed-icd10se", "codeTable: snomed-icd11")));
    assertTrue(unknown.getMessage().contains("snomed-icd11"), unknown.getMessage());
    MappingException both = assertThrows(MappingException.class, () -> MappingParser.parse(text.replace("codeTable: snomed-icd10se",
        "codeTable: snomed-icd10se\n    codes: {x: y}")));
    assertTrue(both.getMessage().contains("both codes and codeTable"), both.getMessage());
    MappingException reason = assertThrows(MappingException.class, () -> MappingParser.parse(MappingCatalog.shipped("synthea-procedures.yaml")
        .replace("{source: status, equals: completed}", "{source: status, equals: completed, reason: Not Done}")));
    assertTrue(reason.getMessage().contains("reason"), reason.getMessage());
  }

  private static RecordMapper mapper(String file) {
    Mapping m = MappingParser.parse(MappingCatalog.shipped(file));
    String root = m.rules().get(0).path().split("/", 2)[0];
    return new RecordMapper(m, new Pseudonymizer(LoaderSettings.TEST_KEY), root);
  }

  /** Maps a record as the loader does, with the care unit lookup answered by a fixed HSA-id. */
  private static MappedRecord map(RecordMapper mapper, SourceRecord record) throws Rejection {
    SourceRecord withUnit = new ForwardingRecord(record) {
      @Override
      public String value(String source) {
        return source.equals("unit.hsa_id") ? "SE2321000131-E001" : record.value(source);
      }
    };
    RecordInfo info = mapper.info(withUnit);
    return mapper.map(withUnit, info);
  }
}
