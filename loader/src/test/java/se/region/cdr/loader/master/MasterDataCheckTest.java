package se.region.cdr.loader.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.region.cdr.core.master.CareUnit;
import se.region.cdr.core.master.CodeEntry;
import se.region.cdr.loader.mapping.Mapping;
import se.region.cdr.loader.mapping.MappingParser;
import se.region.cdr.loader.transform.MappedRecord;
import se.region.cdr.loader.transform.RecordInfo;
import se.region.cdr.loader.transform.Rejection;

/** The master-data check on mapped FLAT records, against an in-memory master data (no database). */
class MasterDataCheckTest {
  private static final String WARD = "SE2321000099-1101";
  private static final String CLOSED = "SE2321000099-1V0V";
  private static final String PROVIDER = "SE2321000099-0001";
  private static final String UNIT_PATH = "diagnosis/context/cdr_provenance/care_unit_hsa-id";
  private static final String CODE_PATH = "diagnosis/main_diagnosis/problem_diagnosis_name";

  /** Units: the ward from 2010, the centre 2010-2021; codes: ICD-10-SE E11.9 from 2020 (LOINC and others not loaded). */
  private static final class Master implements MasterDataView {
    private final boolean units;

    Master(boolean units) {
      this.units = units;
    }

    @Override
    public boolean hasCareUnits() {
      return units;
    }

    @Override
    public boolean hasCodeList(String system) {
      return Set.of("ICD-10-SE", "ATC", "NPU", "KVA").contains(system);
    }

    @Override
    public Optional<CareUnit> careUnit(String hsaId, LocalDate at) {
      Map<String, LocalDate[]> periods = Map.of(WARD, new LocalDate[] {LocalDate.of(2010, 1, 1), null},
          CLOSED, new LocalDate[] {LocalDate.of(2010, 1, 1), LocalDate.of(2021, 1, 1)});
      LocalDate[] p = units ? periods.get(hsaId) : null;
      if (p == null || at.isBefore(p[0]) || (p[1] != null && !at.isBefore(p[1]))) {
        return Optional.empty();
      }
      return Optional.of(new CareUnit(hsaId, "Avd 11", "inpatient", p[0], p[1], PROVIDER, "Region Exempelland", 99, "99", "Region Exempelland"));
    }

    @Override
    public boolean knowsCareUnit(String hsaId) {
      return units && (hsaId.equals(WARD) || hsaId.equals(CLOSED));
    }

    @Override
    public Optional<CodeEntry> code(String system, String code, LocalDate at) {
      boolean known = system.equals("ICD-10-SE") && code.equals("E11.9") && !at.isBefore(LocalDate.of(2020, 1, 1));
      return known ? Optional.of(new CodeEntry(system, code, "Diabetes mellitus typ 2 utan komplikationer", "2020", LocalDate.of(2020, 1, 1), null))
          : Optional.empty();
    }
  }

  private static Mapping mapping(String careProvider) {
    return MappingParser.parse("""
        mapping: t
        version: 1.0.0
        input: {format: csv}
        template: CDR - Diagnosis.v1
        recordKey: {sourceSystem: s, fields: [id]}
        subject: {source: pnr}
        provenance: {careProvider: %s, careUnit: {source: unit}}
        rules:
          - {path: diagnosis/context/start_time, source: t, type: datetime}
        """.formatted(careProvider));
  }

  private static MappedRecord record(String unit, String start, String code, String value) {
    ObjectNode flat = JsonNodeFactory.instance.objectNode();
    flat.put("diagnosis/context/start_time", start);
    flat.put(UNIT_PATH + "|id", unit);
    flat.put(CODE_PATH + "|code", code);
    flat.put(CODE_PATH + "|terminology", "ICD-10-SE");
    flat.put(CODE_PATH + "|value", value);
    flat.put("diagnosis/main_diagnosis/other|code", "12345-6");
    flat.put("diagnosis/main_diagnosis/other|terminology", "LOINC");
    return new MappedRecord(new RecordInfo(1, 2, "k", "pseudonym", JsonNodeFactory.instance.objectNode()), flat, "hash");
  }

  private static MasterDataCheck check(boolean units, String careProvider) {
    return new MasterDataCheck(new Master(units), mapping(careProvider), "diagnosis");
  }

  @Test
  void aKnownUnitAndCodeFillProviderAndDisplayAndChangeTheHash() throws Rejection {
    MappedRecord out = check(true, "{masterData: true}").check(record(WARD, "2020-03-01T10:00:00+01:00", "E11.9", "E11.9"));
    assertEquals(PROVIDER, out.flat().path("diagnosis/context/cdr_provenance/care_provider_hsa-id|id").asText());
    assertEquals("Diabetes mellitus typ 2 utan komplikationer", out.flat().path(CODE_PATH + "|value").asText());
    assertNotEquals("hash", out.contentHash());
    List<String> keys = List.copyOf(iterable(out.flat()));
    assertEquals(keys.stream().sorted().toList(), keys, "FLAT keys stay sorted (the hash depends on the order)");
  }

  @Test
  void aGivenDisplayTextAndAConstantProviderAreLeftAsTheyAre() throws Rejection {
    MappedRecord in = record(WARD, "2020-03-01T10:00:00+01:00", "E11.9", "Typ 2-diabetes");
    assertSame(in, check(true, "{constant: SE2321000099-0001}").check(in));
  }

  @Test
  void anUnknownUnitOrOneNotValidOnTheRecordsDateIsRejected() {
    Rejection unknown = assertThrows(Rejection.class,
        () -> check(true, "{constant: SE2321000099-0001}").check(record("SE2321000099-9999", "2020-03-01T10:00:00+01:00", "E11.9", "x")));
    assertEquals(MasterDataCheck.UNKNOWN_CARE_UNIT, unknown.reasonCode());
    assertEquals(UNIT_PATH, unknown.path());
    assertEquals("care unit SE2321000099-9999 is not in master data", unknown.getMessage());
    // closed 2021-01-01 (exclusive); the local date decides, not the UTC one
    Rejection closed = assertThrows(Rejection.class,
        () -> check(true, "{masterData: true}").check(record(CLOSED, "2021-01-01T00:30:00+01:00", "E11.9", "x")));
    assertEquals(MasterDataCheck.UNKNOWN_CARE_UNIT, closed.reasonCode());
    assertEquals("care unit " + CLOSED + " is in master data but not valid on 2021-01-01", closed.getMessage());
  }

  @Test
  void aCodeNotInTheLoadedListAtTheDateIsRejectedOtherSystemsAreNotChecked() {
    Rejection notInList = assertThrows(Rejection.class,
        () -> check(true, "{masterData: true}").check(record(WARD, "2020-03-01T10:00:00+01:00", "Q99.8", "Q99.8")));
    assertEquals(Rejection.UNKNOWN_CODE, notInList.reasonCode());
    assertEquals(CODE_PATH, notInList.path());
    Rejection tooEarly = assertThrows(Rejection.class,
        () -> check(true, "{masterData: true}").check(record(WARD, "2019-12-31T23:30:00+01:00", "E11.9", "E11.9")));
    assertEquals(Rejection.UNKNOWN_CODE, tooEarly.reasonCode());
  }

  @Test
  void withoutUnitsTheUnitIsNotCheckedButAProviderFromMasterDataCannotBeFound() throws Rejection {
    MappedRecord in = record("SE2321000099-9999", "2020-03-01T10:00:00+01:00", "E11.9", "x");
    assertSame(in, check(false, "{constant: SE2321000099-0001}").check(in));
    Rejection noProvider = assertThrows(Rejection.class, () -> check(false, "{masterData: true}").check(in));
    assertEquals(MasterDataCheck.UNKNOWN_CARE_UNIT, noProvider.reasonCode());
  }

  private static List<String> iterable(ObjectNode n) {
    List<String> out = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
