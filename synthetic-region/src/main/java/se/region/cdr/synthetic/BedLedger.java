package se.region.cdr.synthetic;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Beds per ward and day: occupied is the midnight census of the generated stays (a stay occupies
 * the nights from its admission day to the day before discharge); available is the ward's beds,
 * a quarter fewer in July (summer closures). Size: wards x days, whatever the number of patients.
 */
final class BedLedger {
  private final List<Unit> wards;
  private final Map<String, Integer> index = new HashMap<>();
  private final LocalDate start;
  private final int[][] occupied;

  BedLedger(List<Unit> wards, LocalDate start, LocalDate end) {
    this.wards = wards;
    this.start = start;
    int days = (int) (end.toEpochDay() - start.toEpochDay());
    this.occupied = new int[wards.size()][days];
    for (int i = 0; i < wards.size(); i++) {
      index.put(wards.get(i).hsaId(), i);
    }
  }

  void stay(Unit ward, LocalDateTime admitted, LocalDateTime discharged) {
    int[] nights = occupied[index.get(ward.hsaId())];
    int from = (int) (admitted.toLocalDate().toEpochDay() - start.toEpochDay());
    int to = (int) (discharged.toLocalDate().toEpochDay() - start.toEpochDay());
    for (int d = Math.max(0, from); d < Math.min(to, nights.length); d++) {
      nights[d]++;
    }
  }

  /** Writes bed_occupancy.csv; returns the number of rows. */
  long write(Path dir) {
    try (CsvOut out = new CsvOut(dir, "bed_occupancy.csv", "unit_hsa_id", "date", "beds_available", "beds_occupied")) {
      for (int w = 0; w < wards.size(); w++) {
        Unit ward = wards.get(w);
        for (int d = 0; d < occupied[w].length; d++) {
          LocalDate date = start.plusDays(d);
          int beds = date.getMonth() == Month.JULY ? Math.max(1, (int) Math.round(ward.beds() * 0.75)) : ward.beds();
          out.text(ward.hsaId()).text(date.toString()).number(beds).number(occupied[w][d]).end();
        }
      }
      return out.rows();
    }
  }
}
