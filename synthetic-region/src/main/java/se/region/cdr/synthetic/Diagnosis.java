package se.region.cdr.synthetic;

/**
 * A main diagnosis a contact can have: ICD-10-SE code, where it is treated, the mean length of
 * stay (inpatient), whether it is an infection (CRP, temperature, antibiotics), and a KVÅ
 * procedure with its probability (none: null).
 */
record Diagnosis(String icd, Specialty specialty, double meanStayDays, boolean infection, String kva, double kvaShare) {
  static Diagnosis of(String icd, Specialty specialty) {
    return new Diagnosis(icd, specialty, 0, false, null, 0);
  }

  Diagnosis infectious() {
    return new Diagnosis(icd, specialty, meanStayDays, true, kva, kvaShare);
  }

  Diagnosis withProcedure(String code, double share) {
    return new Diagnosis(icd, specialty, meanStayDays, infection, code, share);
  }

  Diagnosis in(Specialty other) {
    return new Diagnosis(icd, other, meanStayDays, infection, kva, kvaShare);
  }
}
