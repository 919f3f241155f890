package se.region.cdr.bench.corpus;

import java.util.ArrayList;
import java.util.List;
import se.region.cdr.bench.corpus.template.LabResult;
import se.region.cdr.bench.corpus.template.VitalSigns;

/** Draws the values of one composition from an EHR's profile. */
public final class Measurements {

  static final int ANALYTES_PER_REPORT = 5;

  private Measurements() {}

  public static VitalSigns vitalSigns(
      EhrProfile profile, SystolicModel model, SeededRandom random) {
    int systolic = model.drawReading(profile.baselineSystolic(), random);
    int diastolic = (int) random.clipped(0.6 * systolic + 5, 6, 40, systolic - 10, 0);
    int pulse = (int) random.clipped(72, 11, 35, 180, 0);
    double temperature = random.clipped(36.9, 0.4, 34.5, 41.5, 1);
    double spo2 = random.clipped(97, 1.5, 80, 100, 0);
    int respiration = (int) random.clipped(16, 3, 6, 40, 0);
    return new VitalSigns(systolic, diastolic, pulse, temperature, spo2, respiration);
  }

  /**
   * Five analytes: for an EHR with (known or undiagnosed) diabetes HbA1c and four others, otherwise
   * five of the twenty. HbA1c readings scatter around the EHR's baseline, on the EHR's side of
   * {@link EhrProfile#HBA1C_THRESHOLD}.
   */
  public static List<LabResult> labReport(EhrProfile profile, SeededRandom random) {
    List<Analyte> others = new ArrayList<>(Analyte.ALL);
    List<Analyte> chosen = new ArrayList<>();
    if (profile.hba1cMonitored()) {
      others.remove(Analyte.HBA1C);
      chosen.add(Analyte.HBA1C);
    }
    random.shuffle(others);
    chosen.addAll(others.subList(0, ANALYTES_PER_REPORT - chosen.size()));
    List<LabResult> results = new ArrayList<>();
    for (Analyte analyte : chosen) {
      double value =
          analyte == Analyte.HBA1C
              ? hba1c(profile, random)
              : random.clipped(
                  analyte.mean(), analyte.sd(), analyte.min(), analyte.max(), analyte.precision());
      results.add(
          new LabResult(
              analyte.loincCode(), analyte.name(), value, analyte.units(), analyte.precision()));
    }
    return results;
  }

  private static double hba1c(EhrProfile profile, SeededRandom random) {
    Analyte a = Analyte.HBA1C;
    double threshold = EhrProfile.HBA1C_THRESHOLD;
    return profile.hba1cHigh()
        ? random.truncated(profile.baselineHba1c(), 3, threshold + 1, a.max(), a.precision())
        : random.truncated(profile.baselineHba1c(), 3, a.min(), threshold, a.precision());
  }
}
