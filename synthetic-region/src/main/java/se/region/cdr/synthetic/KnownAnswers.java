package se.region.cdr.synthetic;

import java.util.LinkedHashMap;
import java.util.Map;

/** Counts the manifest's known answers while rows are written: per-patient flags folded into totals. */
final class KnownAnswers {
  private final Map<String, Long> totals = new LinkedHashMap<>();

  KnownAnswers() {
    for (String name : new String[] {"patients", "patients_male", "patients_female", "patients_under_18_at_start",
        "patients_65_plus_at_start", "patients_with_E11", "patients_with_I10", "patients_with_J45", "patients_with_F32_or_F33",
        "patients_with_metformin", "patients_with_E11_and_metformin", "patients_with_ssri", "patients_with_ssri_under_18",
        "patients_with_hba1c_over_48", "inpatient_stays", "readmissions_within_30_days", "referrals_pending"}) {
      totals.put(name, 0L);
    }
  }

  void add(String name) {
    add(name, 1);
  }

  void add(String name, long n) {
    Long current = totals.get(name);
    if (current == null) {
      throw new IllegalArgumentException("unknown answer " + name);
    }
    totals.put(name, current + n);
  }

  void addTo(Manifest manifest) {
    totals.forEach(manifest::answer);
  }

  /** What one patient contributes; set while the patient's rows are written. */
  static final class PatientFlags {
    boolean e11;
    boolean i10;
    boolean j45;
    boolean depression;
    boolean metformin;
    boolean ssri;
    boolean ssriUnder18;
    boolean hba1cOver48;

    void foldInto(KnownAnswers answers) {
      count(answers, e11, "patients_with_E11");
      count(answers, i10, "patients_with_I10");
      count(answers, j45, "patients_with_J45");
      count(answers, depression, "patients_with_F32_or_F33");
      count(answers, metformin, "patients_with_metformin");
      count(answers, e11 && metformin, "patients_with_E11_and_metformin");
      count(answers, ssri, "patients_with_ssri");
      count(answers, ssriUnder18, "patients_with_ssri_under_18");
      count(answers, hba1cOver48, "patients_with_hba1c_over_48");
    }

    private static void count(KnownAnswers answers, boolean flag, String name) {
      if (flag) {
        answers.add(name);
      }
    }
  }
}
