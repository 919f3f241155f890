package se.region.cdr.loader.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import se.region.cdr.loader.MappingCatalog;
import se.region.cdr.loader.VitalSignsTemplate;

class MappingParserTest {
  private static final TemplatePaths PATHS = TemplatePaths.of(VitalSignsTemplate.webTemplate());

  @Test
  void shippedMappingsParseAndMatchTheTemplate() {
    for (String file : MappingCatalog.SHIPPED) {
      Mapping m = MappingParser.parse(MappingCatalog.shipped(file));
      TemplatePaths.of(VitalSignsTemplate.webTemplate(m.templateId())).check(m);
      if (file.startsWith("vital-signs")) {
        assertEquals("CDR - Vital signs.v1", m.templateId());
      }
    }
    Mapping csv = MappingParser.parse(MappingCatalog.shipped("vital-signs-csv.yaml"));
    assertEquals(InputFormat.CSV, csv.input().format());
    assertEquals(';', csv.input().delimiter());
    assertEquals("personnummer", csv.subject().source());
    assertTrue(csv.rules().stream().anyMatch(r -> r.path().equals("vital_signs/context/cdr_provenance/care_unit_hsa-id|id")));
    FieldRule systolic = csv.rules().stream().filter(r -> r.path().endsWith("/systolic")).findFirst().orElseThrow();
    assertEquals(FieldType.QUANTITY, systolic.type());
    assertEquals(1, systolic.when().size());
  }

  @Test
  void templatePathsKnowFlatPathsWithIndexesSuffixesAndRmAttributes() {
    assertTrue(PATHS.knows("vital_signs/blood_pressure:0/any_event:0/systolic|magnitude"));
    assertTrue(PATHS.knows("vital_signs/context/_end_time"));
    assertTrue(PATHS.knows("vital_signs/composer|name"));
    assertFalse(PATHS.knows("vital_signs/blood_pressure:0/any_event:0/systolik|magnitude"));
    assertFalse(PATHS.knows("vital_signs/glucose:0/any_event:0/value"));
  }

  @Test
  void aRuleOutsideTheTemplateIsAMappingErrorNamingTheRule() {
    String text = MappingCatalog.shipped("vital-signs-csv.yaml").replace("any_event:0/diastolic", "any_event:0/diastolik");
    MappingException e = assertThrows(MappingException.class, () -> PATHS.check(MappingParser.parse(text)));
    assertTrue(e.getMessage().contains("diastolik") && e.getMessage().contains("rule 4"), e.getMessage());
  }

  @Test
  void badMappingsAreRejectedWithTheKeyNamed() {
    assertTrue(assertThrows(MappingException.class, () -> MappingParser.parse("mapping: x\nversion: 1\n")).getMessage().contains("semantic version"));
    String unknownKey = MappingCatalog.shipped("vital-signs-csv.yaml").replace("    required: true\n  - when", "    requird: true\n  - when");
    assertTrue(assertThrows(MappingException.class, () -> MappingParser.parse(unknownKey)).getMessage().contains("unknown key 'requird'"));
    String usesSubject = MappingCatalog.shipped("vital-signs-csv.yaml").replace("source: position", "source: personnummer");
    assertTrue(assertThrows(MappingException.class, () -> MappingParser.parse(usesSubject)).getMessage().contains("never enter the store"));
    String noFactor = MappingCatalog.shipped("vital-signs-csv.yaml").replace("conversions: [{from: kPa}]\n        decimalComma: true\n        precision: 0\n        required: true\n      - path: vital_signs/blood_pressure:0/any_event:0/diastolic",
        "conversions: [{from: bar}]\n        decimalComma: true\n        precision: 0\n        required: true\n      - path: vital_signs/blood_pressure:0/any_event:0/diastolic");
    assertTrue(assertThrows(MappingException.class, () -> MappingParser.parse(noFactor)).getMessage().contains("no built-in conversion from bar"));
  }

  @Test
  void unitConversionsUseFactorAndOffset() {
    UnitConversion bp = new UnitConversion("mm[Hg]", java.util.Map.of("kPa", UnitConversion.known("kPa", "mm[Hg]").orElseThrow()));
    assertEquals(120, bp.convert(new BigDecimal("16"), "kPa").orElseThrow().setScale(0, java.math.RoundingMode.HALF_UP).intValue());
    assertEquals(new BigDecimal("120"), bp.convert(new BigDecimal("120"), "mm[Hg]").orElseThrow());
    assertTrue(bp.convert(new BigDecimal("1"), "psi").isEmpty());
    UnitConversion temp = new UnitConversion("Cel", java.util.Map.of("[degF]", UnitConversion.known("[degF]", "Cel").orElseThrow()));
    assertEquals(37.0, temp.convert(new BigDecimal("98.6"), "[degF]").orElseThrow().doubleValue(), 0.001);
    UnitConversion hb = new UnitConversion("g/L", java.util.Map.of("g/dL", UnitConversion.known("g/dL", "g/L").orElseThrow()));
    assertEquals(135.0, hb.convert(new BigDecimal("13.5"), "g/dL").orElseThrow().doubleValue(), 1e-9);
  }

  @Test
  void regionOptionsLookupsCareUnitSubjectsProviderFromMasterDataAndDateOnlyPatterns() {
    Mapping beds = MappingParser.parse(MappingCatalog.shipped("region-bed-occupancy.yaml"));
    assertTrue(beds.subject().careUnit());
    assertEquals(SubjectSpec.UNIT_NAMESPACE, beds.subject().namespace());
    assertTrue(beds.subject().keepsInClear("SE2321000099-1101"));
    assertFalse(beds.subject().keepsInClear("191212121212"), "a personal identity number is never kept in clear");
    assertTrue(beds.careProviderFromMasterData());
    assertFalse(beds.rules().stream().anyMatch(r -> r.path().endsWith("care_provider_hsa-id|id")), "filled in from master data");

    Mapping vitals = MappingParser.parse(MappingCatalog.shipped("region-vitals.yaml"));
    assertEquals(1, vitals.lookups().size());
    assertTrue(vitals.sources().contains("contact_id"), "the lookup's key column is read from the input");
    assertFalse(vitals.sources().contains("contact.unit_hsa_id"), "lookup columns are not input columns");

    assertEquals("2020-03-29T00:00+01:00", java.time.OffsetDateTime.parse(se.region.cdr.loader.transform.ValueParsers.dateTime("2020-03-29",
        MappingParser.pattern("yyyy-MM-dd"), java.time.ZoneId.of("Europe/Stockholm"))).toString());
    MappingException e = assertThrows(MappingException.class, () -> MappingParser.parse(MappingCatalog.shipped("region-vitals.yaml")
        .replace("kind]}", "kind], extra: 1}")));
    assertTrue(e.getMessage().contains("unknown key 'extra'"), e.getMessage());
  }
}
