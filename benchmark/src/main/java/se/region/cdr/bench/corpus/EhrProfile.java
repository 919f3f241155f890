package se.region.cdr.bench.corpus;

import java.time.Instant;
import java.util.List;
import se.region.cdr.bench.corpus.template.Problem;

/**
 * What stays the same for one EHR across its compositions: subject id, blood-pressure and HbA1c
 * baselines, and the diagnoses every problem list of the EHR repeats.
 *
 * <p>{@code hba1cHigh} decides, per EHR, whether its HbA1c readings are all above {@value
 * #HBA1C_THRESHOLD} mmol/mol or all at or below it, so the share of EHRs with HbA1c above the
 * threshold does not grow with the number of lab reports: 75 % of E11 EHRs, and 0.55 % of the
 * others (undiagnosed diabetes), ≈ 8 % of all EHRs.
 */
public record EhrProfile(
    int index,
    String subjectId,
    double baselineSystolic,
    boolean diabetic,
    boolean hba1cHigh,
    double baselineHba1c,
    List<Problem> problems) {

  /** HbA1c (mmol/mol) above which an EHR counts for Q5. */
  public static final double HBA1C_THRESHOLD = 48;

  static final double HBA1C_HIGH_IF_DIABETIC = 0.75;
  static final double HBA1C_HIGH_OTHERWISE = 0.0055;

  private static final long ONSET_FROM = Instant.parse("1990-01-01T00:00:00Z").getEpochSecond();
  private static final long ONSET_TO = Instant.parse("2015-01-01T00:00:00Z").getEpochSecond();

  public EhrProfile {
    problems = List.copyOf(problems);
  }

  /** Draws the profile of EHR {@code index}. */
  public static EhrProfile draw(
      int index, SeededRandom random, Icd10Catalogue codes, SystolicModel systolic) {
    List<Problem> problems =
        codes.drawDiagnoses(random).stream()
            .map(c -> new Problem(c.code(), c.name(), onset(random)))
            .toList();
    boolean diabetic = has(problems, Icd10Catalogue.TYPE_2_DIABETES);
    boolean hypertensive = has(problems, Icd10Catalogue.HYPERTENSION);
    double baselineSystolic = systolic.drawBaseline(hypertensive, random);
    boolean hba1cHigh = random.chance(diabetic ? HBA1C_HIGH_IF_DIABETIC : HBA1C_HIGH_OTHERWISE);
    double hba1c =
        hba1cHigh
            ? random.gaussian(58, 7)
            : diabetic ? random.gaussian(43, 3) : random.gaussian(36, 4);
    return new EhrProfile(
        index, Subjects.idOf(index), baselineSystolic, diabetic, hba1cHigh, hba1c, problems);
  }

  /** Whether HbA1c is in every lab report of this EHR (known or undiagnosed diabetes). */
  public boolean hba1cMonitored() {
    return diabetic || hba1cHigh;
  }

  private static boolean has(List<Problem> problems, String code) {
    return problems.stream().anyMatch(p -> p.icd10Code().equals(code));
  }

  private static String onset(SeededRandom random) {
    return Instant.ofEpochSecond(ONSET_FROM + random.nextLong(ONSET_TO - ONSET_FROM)).toString();
  }
}
