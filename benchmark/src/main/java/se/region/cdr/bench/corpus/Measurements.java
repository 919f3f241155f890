package se.region.cdr.bench.corpus;

import java.util.ArrayList;
import java.util.List;
import se.region.cdr.bench.corpus.template.LabResult;
import se.region.cdr.bench.corpus.template.VitalSigns;

/** Draws the values of one composition from an EHR's profile. */
public final class Measurements {

  /** Within-EHR spread of systolic readings around the EHR's baseline. */
  static final double SYSTOLIC_READING_SD = 9;

  static final int ANALYTES_PER_REPORT = 5;

  private Measurements() {}

  public static VitalSigns vitalSigns(EhrProfile profile, SeededRandom random) {
    int systolic =
        (int) random.clipped(profile.baselineSystolic(), SYSTOLIC_READING_SD, 80, 240, 0);
    int diastolic = (int) random.clipped(0.6 * systolic + 5, 6, 40, systolic - 10, 0);
    int pulse = (int) random.clipped(72, 11, 35, 180, 0);
    double temperature = random.clipped(36.9, 0.4, 34.5, 41.5, 1);
    double spo2 = random.clipped(97, 1.5, 80, 100, 0);
    int respiration = (int) random.clipped(16, 3, 6, 40, 0);
    return new VitalSigns(systolic, diastolic, pulse, temperature, spo2, respiration);
  }

  /**
   * Five analytes: for a diabetic EHR HbA1c and four others, otherwise five of the twenty. HbA1c
   * readings scatter around the EHR's baseline.
   */
  public static List<LabResult> labReport(EhrProfile profile, SeededRandom random) {
    List<Analyte> others = new ArrayList<>(Analyte.ALL);
    List<Analyte> chosen = new ArrayList<>();
    if (profile.diabetic()) {
      others.remove(Analyte.HBA1C);
      chosen.add(Analyte.HBA1C);
    }
    random.shuffle(others);
    chosen.addAll(others.subList(0, ANALYTES_PER_REPORT - chosen.size()));
    List<LabResult> results = new ArrayList<>();
    for (Analyte analyte : chosen) {
      double mean = analyte == Analyte.HBA1C ? profile.baselineHba1c() : analyte.mean();
      double sd = analyte == Analyte.HBA1C ? 3 : analyte.sd();
      double value = random.clipped(mean, sd, analyte.min(), analyte.max(), analyte.precision());
      results.add(
          new LabResult(
              analyte.loincCode(), analyte.name(), value, analyte.units(), analyte.precision()));
    }
    return results;
  }
}
