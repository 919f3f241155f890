package se.region.cdr.loader.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import se.region.cdr.loader.LoaderSettings;
import se.region.cdr.loader.MappingCatalog;
import se.region.cdr.loader.input.CsvRecordReader;
import se.region.cdr.loader.input.SourceRecord;
import se.region.cdr.loader.mapping.Mapping;
import se.region.cdr.loader.mapping.MappingParser;

class RecordMapperTest {
  private static final Mapping CSV = MappingParser.parse(MappingCatalog.shipped("vital-signs-csv.yaml"));
  private static final String HEADER =
      "record_id;personnummer;measured_at;systolic;diastolic;bp_unit;position;pulse;temperature;weight;weight_unit;care_provider_hsa;care_unit_hsa\n";
  private final RecordMapper mapper = new RecordMapper(CSV, new Pseudonymizer(LoaderSettings.TEST_KEY), "vital_signs");

  private static SourceRecord row(String line) throws Exception {
    CsvRecordReader reader = new CsvRecordReader(new ByteArrayInputStream((HEADER + line + "\n").getBytes(StandardCharsets.UTF_8)), CSV.input());
    return reader.next();
  }

  private MappedRecord map(String line) throws Exception {
    SourceRecord r = row(line);
    return mapper.map(r, mapper.info(r));
  }

  @Test
  void pseudonymsAreStableAndKeyDependent() {
    Pseudonymizer a = new Pseudonymizer(LoaderSettings.TEST_KEY);
    assertEquals(a.pseudonym("19121212-1212"), a.pseudonym("191212121212"));
    assertEquals(a.pseudonym("191212121212"), new Pseudonymizer(LoaderSettings.TEST_KEY).pseudonym(" 191212121212 "));
    assertNotEquals(a.pseudonym("191212121212"), new Pseudonymizer("another-regional-key-0001").pseudonym("191212121212"));
    assertNotEquals(a.pseudonym("191212121212"), a.pseudonym("191212121213"));
    assertEquals(64, a.pseudonym("x").length());
    assertThrows(IllegalArgumentException.class, () -> new Pseudonymizer("short"));
  }

  @Test
  void localDateTimesGetTheMappingsZoneOffsetAcrossDaylightSaving() {
    DateTimeFormatter p = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    ZoneId sthlm = ZoneId.of("Europe/Stockholm");
    assertEquals("2025-01-15T08:30:00+01:00", ValueParsers.dateTime("2025-01-15 08:30", p, sthlm));
    assertEquals("2025-07-15T08:30:00+02:00", ValueParsers.dateTime("2025-07-15 08:30", p, sthlm));
    assertEquals("2025-03-30T03:30:00+02:00", ValueParsers.dateTime("2025-03-30 02:30", p, sthlm)); // in the spring gap
    assertEquals("2025-07-15T08:30:00Z", ValueParsers.dateTime("2025-07-15T08:30:00Z", null, sthlm));
    assertEquals("2025-07-15T08:30:00+02:00", ValueParsers.dateTime("2025-07-15T08:30:00", null, sthlm));
  }

  @Test
  void aRowBecomesFlatWithCodesUnitsAndProvenance() throws Exception {
    MappedRecord m = map("R1;19121212-1212;2025-03-14 09:35;16,0;10,7;kPa;SITT;72;37,2;165;[lb_av];SE2321000016-A12B;SE2321000016-15CQ");
    ObjectNode flat = m.flat();
    assertEquals("2025-03-14T09:35:00+01:00", flat.path("vital_signs/context/start_time").asText());
    assertEquals(120, flat.path("vital_signs/blood_pressure:0/any_event:0/systolic|magnitude").intValue());
    assertEquals(80, flat.path("vital_signs/blood_pressure:0/any_event:0/diastolic|magnitude").intValue());
    assertEquals("mm[Hg]", flat.path("vital_signs/blood_pressure:0/any_event:0/systolic|unit").asText());
    assertEquals("at1001", flat.path("vital_signs/blood_pressure:0/any_event:0/position|code").asText());
    assertEquals("local", flat.path("vital_signs/blood_pressure:0/any_event:0/position|terminology").asText());
    assertEquals(37.2, flat.path("vital_signs/body_temperature:0/any_event:0/temperature|magnitude").doubleValue(), 1e-9);
    assertEquals(74.8, flat.path("vital_signs/body_weight:0/any_event:0/weight|magnitude").doubleValue(), 1e-9);
    assertEquals("SE2321000016-15CQ", flat.path("vital_signs/context/cdr_provenance/care_unit_hsa-id|id").asText());
    assertEquals("R1", flat.path("vital_signs/context/cdr_provenance/source_record_identifier|id").asText());
    assertEquals("R1", m.info().recordKey());
    assertFalse(flat.toString().contains("19121212") || m.info().scrubbedSource().toString().contains("19121212"));
    assertEquals(m.info().pseudonym(), m.info().scrubbedSource().path("personnummer").asText());
    assertEquals(m.contentHash(), map("R1;191212121212;2025-03-14 09:35;16,0;10,7;kPa;SITT;72;37,2;165;[lb_av];SE2321000016-A12B;SE2321000016-15CQ").contentHash());
  }

  @Test
  void badValuesAreRejectedWithReasonAndPath() throws Exception {
    String ok = "R2;191212121212;2025-03-14 09:35;120;80;mm[Hg];%s;;;;;SE2321000016-A12B;SE2321000016-15CQ";
    Rejection unknown = assertThrows(Rejection.class, () -> map(ok.formatted("KNÄ")));
    assertEquals(Rejection.UNKNOWN_CODE, unknown.reasonCode());
    assertEquals("vital_signs/blood_pressure:0/any_event:0/position", unknown.path());
    Rejection date = assertThrows(Rejection.class, () -> map("R3;191212121212;14/03/2025;120;80;;;;;;;SE2321000016-A12B;SE2321000016-15CQ"));
    assertEquals(Rejection.BAD_DATE, date.reasonCode());
    Rejection unit = assertThrows(Rejection.class, () -> map("R4;191212121212;2025-03-14 09:35;120;80;psi;;;;;;SE2321000016-A12B;SE2321000016-15CQ"));
    assertEquals(Rejection.UNKNOWN_UNIT, unit.reasonCode());
    Rejection missing = assertThrows(Rejection.class, () -> map("R5;191212121212;;120;80;;;;;;;SE2321000016-A12B;SE2321000016-15CQ"));
    assertEquals(Rejection.MISSING_REQUIRED, missing.reasonCode());
    assertEquals("vital_signs/context/start_time", missing.path());
    Rejection hsa = assertThrows(Rejection.class, () -> map("R6;191212121212;2025-03-14 09:35;120;80;;;;;;;SE232-X;SE2321000016-15CQ"));
    assertEquals(Rejection.BAD_VALUE, hsa.reasonCode());
    Rejection empty = assertThrows(Rejection.class, () -> map("R7;191212121212;2025-03-14 09:35;;;;;;;;;SE2321000016-A12B;SE2321000016-15CQ"));
    assertEquals(Rejection.NO_CONTENT, empty.reasonCode());
    Rejection subject = assertThrows(Rejection.class, () -> map("R8;;2025-03-14 09:35;120;80;;;;;;;SE2321000016-A12B;SE2321000016-15CQ"));
    assertEquals(Rejection.MISSING_SUBJECT, subject.reasonCode());
    Rejection number = assertThrows(Rejection.class, () -> map("R9;191212121212;2025-03-14 09:35;12x;80;;;;;;;SE2321000016-A12B;SE2321000016-15CQ"));
    assertEquals(Rejection.BAD_NUMBER, number.reasonCode());
    assertTrue(number.getMessage().contains("12x"));
  }

  @Test
  void csvHandlesQuotesDelimitersAndLineBreaks() throws Exception {
    CsvRecordReader reader = new CsvRecordReader(new ByteArrayInputStream(
        "\uFEFFa;b;c\n1;\"x;y\";\"he said \"\"hi\"\"\nnext\"\r\n\n2;;3\n".getBytes(StandardCharsets.UTF_8)), CSV.input());
    SourceRecord first = reader.next();
    assertEquals("x;y", first.value("b"));
    assertEquals("he said \"hi\"\nnext", first.value("c"));
    assertEquals(5, reader.next().line()); // after a two-line record and a blank line
    assertEquals(null, reader.next());
  }
}
