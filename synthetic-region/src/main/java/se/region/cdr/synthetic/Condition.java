package se.region.cdr.synthetic;

/**
 * The long-term conditions of the model, with prevalence by age band (0-17, 18-44, 45-64, 65-79,
 * 80+; Swedish orders of magnitude), a multiplier for women (men get 2 minus it), the youngest age
 * it is diagnosed at, the ICD-10-SE code it is recorded with and the clinic that follows it up.
 */
enum Condition {
  HYPERTENSION("I10", new double[] {0.002, 0.05, 0.22, 0.45, 0.55}, 1.0, 10, Specialty.MEDICINE),
  DIABETES_TYPE_2("E11", new double[] {0.001, 0.015, 0.07, 0.14, 0.15}, 0.75, 10, Specialty.MEDICINE),
  ASTHMA("J45.9", new double[] {0.08, 0.07, 0.06, 0.06, 0.05}, 1.0, 2, Specialty.PULMONOLOGY),
  DEPRESSION("F32.1", new double[] {0.03, 0.06, 0.05, 0.04, 0.04}, 1.6, 12, Specialty.PSYCHIATRY),
  ANXIETY("F41.1", new double[] {0.03, 0.07, 0.05, 0.03, 0.03}, 1.5, 12, Specialty.PSYCHIATRY),
  ADHD("F90.0", new double[] {0.05, 0.03, 0.01, 0.002, 0.0}, 0.6, 6, Specialty.CHILD_PSYCHIATRY),
  ATRIAL_FIBRILLATION("I48.9", new double[] {0.0, 0.002, 0.02, 0.08, 0.15}, 0.8, 30, Specialty.CARDIOLOGY),
  HEART_FAILURE("I50.9", new double[] {0.0, 0.001, 0.01, 0.05, 0.12}, 0.8, 30, Specialty.CARDIOLOGY),
  COPD("J44", new double[] {0.0, 0.002, 0.03, 0.07, 0.08}, 1.0, 40, Specialty.PULMONOLOGY),
  DEMENTIA("F03", new double[] {0.0, 0.0, 0.002, 0.03, 0.12}, 1.2, 55, Specialty.GERIATRICS);

  final String icd;
  private final double[] prevalence;
  private final double femaleFactor;
  final int minAge;
  final Specialty clinic;

  Condition(String icd, double[] prevalence, double femaleFactor, int minAge, Specialty clinic) {
    this.icd = icd;
    this.prevalence = prevalence;
    this.femaleFactor = femaleFactor;
    this.minAge = minAge;
    this.clinic = clinic;
  }

  double prevalence(int age, Sex sex) {
    if (age < minAge) {
      return 0;
    }
    int band = age < 18 ? 0 : age < 45 ? 1 : age < 65 ? 2 : age < 80 ? 3 : 4;
    return prevalence[band] * (sex == Sex.F ? femaleFactor : 2 - femaleFactor);
  }

  /** Depression recurs in some adults: then it is recorded as F33.1. */
  String icdFor(boolean recurrent) {
    return this == DEPRESSION && recurrent ? "F33.1" : icd;
  }
}
