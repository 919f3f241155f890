package se.region.cdr.bench.corpus;

import java.time.Instant;
import java.util.List;
import se.region.cdr.bench.corpus.template.Problem;

/**
 * What stays the same for one EHR across its compositions: subject id, blood-pressure and HbA1c
 * baselines, and the diagnoses every problem list of the EHR repeats.
 */
public record EhrProfile(
    int index,
    String subjectId,
    double baselineSystolic,
    boolean diabetic,
    double baselineHba1c,
    List<Problem> problems) {

  /** Between-EHR spread of the systolic baseline; with the within-EHR spread the total is ~18. */
  static final double SYSTOLIC_BASELINE_SD = 16;

  private static final long ONSET_FROM = Instant.parse("1990-01-01T00:00:00Z").getEpochSecond();
  private static final long ONSET_TO = Instant.parse("2015-01-01T00:00:00Z").getEpochSecond();

  public EhrProfile {
    problems = List.copyOf(problems);
  }

  /** Draws the profile of EHR {@code index}. */
  public static EhrProfile draw(int index, SeededRandom random, Icd10Catalogue codes) {
    double systolic = random.gaussian(128, SYSTOLIC_BASELINE_SD);
    List<Problem> problems =
        codes.drawDiagnoses(random).stream()
            .map(c -> new Problem(c.code(), c.name(), onset(random)))
            .toList();
    boolean diabetic =
        problems.stream().anyMatch(p -> p.icd10Code().equals(Icd10Catalogue.TYPE_2_DIABETES));
    double hba1c = diabetic ? random.gaussian(52, 8) : random.gaussian(36, 4);
    return new EhrProfile(index, Subjects.idOf(index), systolic, diabetic, hba1c, problems);
  }

  private static String onset(SeededRandom random) {
    return Instant.ofEpochSecond(ONSET_FROM + random.nextLong(ONSET_TO - ONSET_FROM)).toString();
  }
}
