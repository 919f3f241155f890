package se.region.cdr.core.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class MasterFileParserTest {
  private static List<MasterRecord> parse(MasterKind kind, String csv) {
    return MasterFileParser.parse(kind, new StringReader(csv), kind.label() + ".csv");
  }

  private static MasterDataException rejected(MasterKind kind, String csv) {
    return assertThrows(MasterDataException.class, () -> parse(kind, csv));
  }

  @Test
  void unitsInAnyColumnOrderWithoutValidTo() {
    List<MasterRecord> units = parse(MasterKind.UNITS, """
        kind,hsa_id,name,provider_hsa_id,valid_from
        inpatient,SE2321000016-15CQ,"Avd 12, medicin",SE2321000016-0001,2020-01-01
        """);
    MasterRecord u = units.get(0);
    assertEquals(List.of("SE2321000016-15CQ"), u.key());
    assertEquals(List.of("Avd 12, medicin", "SE2321000016-0001", "inpatient"), u.attributes());
    assertEquals(LocalDate.of(2020, 1, 1), u.validFrom());
    assertNull(u.validTo());
    assertEquals(2, u.line());
  }

  @Test
  void codesWithValidTo() {
    MasterRecord c = parse(MasterKind.CODES, "system,code,display,version,valid_from,valid_to\nICD-10-SE,E11,Diabetes typ 2,2024,2024-01-01,2025-01-01\n").get(0);
    assertEquals(List.of("ICD-10-SE", "E11"), c.key());
    assertEquals(LocalDate.of(2025, 1, 1), c.validTo());
  }

  @Test
  void everyProblemIsReportedWithLineAndColumn() {
    MasterDataException e = rejected(MasterKind.UNITS, """
        hsa_id,name,provider_hsa_id,kind,valid_from,valid_to
        SE2321000016-15CQ,Avd 12,SE2321000016-0001,inpatient,2020-01-01,
        SE23210-X,Avd 13,SE2321000016-0001,ward,2020-13-01,
        SE2321000016-15CR,Avd 14,SE2321000016-0001,outpatient,2020-01-01,2019-01-01
        SE2321000016-15CS,Avd 15
        """);
    List<String> details = e.details();
    assertEquals(5, details.size(), details.toString());
    assertTrue(details.get(0).startsWith("units.csv:3 column hsa_id: 'SE23210-X' is not an HSA-id"), details.get(0));
    assertTrue(details.get(1).startsWith("units.csv:3 column kind: 'ward' is not one of inpatient"), details.get(1));
    assertEquals("units.csv:3 column valid_from: '2020-13-01' is not a date YYYY-MM-DD", details.get(2));
    assertTrue(details.get(3).startsWith("units.csv:4 column valid_to: valid_to 2019-01-01 is not after"), details.get(3));
    assertEquals("units.csv:5: has 2 fields, the header has 6", details.get(4));
    assertTrue(e.getMessage().startsWith("Rejected, nothing loaded: units.csv:3 column hsa_id"), e.getMessage());
  }

  @Test
  void headerProblems() {
    MasterDataException e = rejected(MasterKind.REGIONS, "tenant,name,colour,name\n1,Stockholm,blue,x\n");
    List<String> details = e.details();
    assertTrue(details.get(0).startsWith("regions.csv:1 column colour: unknown column"), details.toString());
    assertTrue(details.get(1).startsWith("regions.csv:1 column name: the column appears twice"), details.toString());
    assertTrue(details.stream().anyMatch(d -> d.startsWith("regions.csv:1 column code: required column is missing")), details.toString());
    assertTrue(details.stream().anyMatch(d -> d.startsWith("regions.csv:1 column valid_from: required column is missing")), details.toString());
  }

  @Test
  void emptyFilesAreRefused() {
    assertTrue(rejected(MasterKind.REGIONS, "").getMessage().contains("the file is empty"));
    assertTrue(rejected(MasterKind.REGIONS, "tenant,code,name,valid_from\n").getMessage().contains("no records"));
  }

  @Test
  void tenantRange() {
    assertTrue(rejected(MasterKind.REGIONS, "tenant,code,name,valid_from\n40000,01,X,2020-01-01\n").getMessage().contains("column tenant"));
    assertTrue(rejected(MasterKind.REGIONS, "tenant,code,name,valid_from\n1,1,X,2020-01-01\n").getMessage().contains("column code"));
  }
}
