package se.region.cdr.core.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionPlannerTest {
  private static final String UNIT = "SE2321000016-15CQ";

  private static MasterRecord unit(int line, String name, String from, String to) {
    return new MasterRecord(line, List.of(UNIT), List.of(name, "SE2321000016-0001", "inpatient"), LocalDate.parse(from),
        to == null ? null : LocalDate.parse(to));
  }

  private static VersionPlan plan(List<MasterRecord> stored, MasterRecord... rows) {
    return VersionPlanner.plan(MasterKind.UNITS, stored, List.of(rows), "units.csv");
  }

  @Test
  void newKeyIsInserted() {
    VersionPlan p = plan(List.of(), unit(2, "Avd 12", "2020-01-01", null));
    assertEquals(1, p.inserted());
    assertEquals(1, p.inserts().size());
    assertEquals(0, p.closes().size());
  }

  @Test
  void sameRecordIsUnchanged() {
    VersionPlan p = plan(List.of(unit(0, "Avd 12", "2020-01-01", null)), unit(2, "Avd 12", "2020-01-01", null));
    assertEquals(1, p.unchanged());
    assertTrue(p.inserts().isEmpty() && p.closes().isEmpty());
  }

  @Test
  void laterChangeClosesTheOpenPeriod() {
    VersionPlan p = plan(List.of(unit(0, "Avd 12", "2020-01-01", null)), unit(2, "Avd 12 medicin", "2024-05-01", null));
    assertEquals(1, p.changed());
    assertEquals(LocalDate.of(2024, 5, 1), p.closes().get(0).validTo());
    assertEquals(LocalDate.of(2020, 1, 1), p.closes().get(0).validFrom());
    assertEquals("Avd 12 medicin", p.inserts().get(0).attributes().get(0));
  }

  @Test
  void laterRowWithSameValuesIsCoveredByTheOpenPeriod() {
    VersionPlan p = plan(List.of(unit(0, "Avd 12", "2020-01-01", null)), unit(2, "Avd 12", "2024-05-01", null));
    assertEquals(1, p.unchanged());
  }

  @Test
  void explicitValidToClosesAUnit() {
    VersionPlan p = plan(List.of(unit(0, "Avd 12", "2020-01-01", null)), unit(2, "Avd 12", "2020-01-01", "2025-01-01"));
    assertEquals(1, p.changed());
    assertEquals(LocalDate.of(2025, 1, 1), p.closes().get(0).validTo());
  }

  @Test
  void staleFileAfterAChangeIsUnchanged() {
    List<MasterRecord> stored = List.of(unit(0, "Avd 12", "2020-01-01", "2024-05-01"), unit(0, "Avd 12 medicin", "2024-05-01", null));
    VersionPlan p = plan(stored, unit(2, "Avd 12", "2020-01-01", null));
    assertEquals(1, p.unchanged());
  }

  @Test
  void wholeHistoryInOneFile() {
    VersionPlan p = plan(List.of(), unit(3, "Avd 12 medicin", "2024-05-01", null), unit(2, "Avd 12", "2020-01-01", null));
    assertEquals(2, p.inserted());
    assertEquals(2, p.inserts().size());
    assertEquals(LocalDate.of(2024, 5, 1), p.inserts().get(0).validTo(), "the first period is inserted closed");
  }

  @Test
  void refusals() {
    List<MasterRecord> stored = List.of(unit(0, "Avd 12", "2020-01-01", null));
    MasterDataException changedInPlace = assertThrows(MasterDataException.class, () -> plan(stored, unit(2, "Avd 99", "2020-01-01", null)));
    assertTrue(changedInPlace.getMessage().contains("units.csv:2 column valid_from: units " + UNIT + ": a period from 2020-01-01 is stored with other values"),
        changedInPlace.getMessage());
    MasterDataException backDated = assertThrows(MasterDataException.class, () -> plan(stored, unit(2, "Avd 11", "2019-01-01", null)));
    assertTrue(backDated.getMessage().contains("is before the latest stored period"), backDated.getMessage());
    MasterDataException twice = assertThrows(MasterDataException.class,
        () -> plan(List.of(), unit(2, "Avd 12", "2020-01-01", null), unit(5, "Avd 12", "2020-01-01", null)));
    assertTrue(twice.getMessage().contains("units.csv:5") && twice.getMessage().contains("repeats the record of line 2"), twice.getMessage());
  }
}
