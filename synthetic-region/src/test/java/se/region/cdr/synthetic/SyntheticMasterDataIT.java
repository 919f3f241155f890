package se.region.cdr.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.region.cdr.core.CdrConfig;
import se.region.cdr.core.db.Database;
import se.region.cdr.core.master.CareUnit;
import se.region.cdr.core.master.LoadSummary;
import se.region.cdr.core.master.MasterData;

/**
 * The generated master data loads into the CDR's tables (real embedded PostgreSQL, migrations
 * applied), and the lookups the loader makes succeed for every contact: its unit at its date, its
 * diagnosis codes at their date. Loading the same files again changes nothing.
 */
class SyntheticMasterDataIT {
  @TempDir
  Path dir;

  @Test
  void generatedMasterDataLoadsAndAnswersEveryLookup() {
    Manifest manifest = RegionGenerator.generate(11, 500, dir.resolve("region"));
    CdrConfig config = new CdrConfig("127.0.0.1", 0, dir.resolve("db"), null, "postgres", "postgres", 0, "it.synthetic", false, 4, 30000, 1000);
    try (Database db = Database.start(config)) {
      MasterData master = new MasterData(db.dataSource());
      List<LoadSummary> first = master.loadDirectory(dir.resolve("region/master"));
      assertEquals(8, first.size(), first.toString());
      LoadSummary units = first.get(2);
      assertEquals(manifest.rows("master/units.csv"), units.inserted(), units.toString());
      for (LoadSummary again : master.loadDirectory(dir.resolve("region/master"))) {
        assertEquals(again.records(), again.unchanged(), again.toString());
      }
      for (Map<String, String> e : Csv.read(dir.resolve("region/encounters.csv"))) {
        LocalDate day = LocalDateTime.parse(e.get("start_time")).toLocalDate();
        CareUnit unit = master.careUnit(e.get("unit_hsa_id"), day).orElseThrow(() -> new AssertionError("no unit for " + e));
        assertEquals(e.get("kind"), unit.kind());
        assertEquals(RegionParameters.DEFAULT_TENANT, unit.tenant());
      }
      for (Map<String, String> d : Csv.read(dir.resolve("region/diagnoses.csv"))) {
        assertTrue(master.code("ICD-10-SE", d.get("icd10_code"), LocalDate.parse(d.get("date"))).isPresent(), d.toString());
      }
      CareUnit renamedBefore = master.careUnit(firstWard(), LocalDate.of(2020, 1, 1)).orElseThrow();
      CareUnit renamedAfter = master.careUnit(firstWard(), LocalDate.of(2024, 1, 1)).orElseThrow();
      assertTrue(renamedBefore.name().endsWith("Avd 11 Medicin") && renamedAfter.name().endsWith("Avd 11 Infektion och medicin"));
    }
  }

  private String firstWard() {
    return Csv.read(dir.resolve("region/master/units.csv")).get(0).get("hsa_id");
  }
}
