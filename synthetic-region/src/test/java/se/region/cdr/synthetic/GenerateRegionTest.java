package se.region.cdr.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateRegionTest {
  @TempDir
  Path dir;

  @Test
  void commandLine() throws Exception {
    Manifest m = GenerateRegion.run(new String[] {"--seed", "3", "--patients", "50", "--years", "2", "--start", "2023-03-01",
        "--out", dir.toString()});
    assertEquals(50, m.answer("patients"));
    String json = Files.readString(dir.resolve("manifest.json"));
    assertTrue(json.contains("\"start\": \"2023-03-01\"") && json.contains("\"end_exclusive\": \"2025-03-01\""), json);
    assertEquals(10L * (365 + 366), m.rows("bed_occupancy.csv"), "one row per ward (10) and day");
  }

  @Test
  void badArguments() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> GenerateRegion.run(new String[] {"--patients", "0", "--out", "x"}))
        .getMessage().contains("--patients"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> GenerateRegion.run(new String[] {"--start", "2020-13-01"}))
        .getMessage().contains("--start"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> GenerateRegion.run(new String[] {"--patients", "5"}))
        .getMessage().contains("--out"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> GenerateRegion.run(new String[] {"--colour", "blue"}))
        .getMessage().contains("unknown option"));
  }
}
