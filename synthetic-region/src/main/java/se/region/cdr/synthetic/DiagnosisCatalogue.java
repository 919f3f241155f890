package se.region.cdr.synthetic;

import java.util.ArrayList;
import java.util.List;

/**
 * Which main diagnosis a contact gets, weighted by age, sex and long-term conditions: acute
 * reasons for admission, reasons to see primary care, and elective reasons for a clinic visit.
 */
final class DiagnosisCatalogue {
  private DiagnosisCatalogue() {}

  private record Weighted(Diagnosis diagnosis, double weight) {}

  static Diagnosis admission(SeededRandom r, int age, Sex sex, PatientConditions c) {
    boolean female = sex == Sex.F;
    List<Weighted> w = new ArrayList<>();
    w.add(new Weighted(new Diagnosis("J18.9", Specialty.MEDICINE, 5, true, null, 0),
        (age < 5 ? 2 : age < 65 ? 1 : age < 80 ? 4 : 8) * (c.has(Condition.COPD) ? 2 : 1)));
    w.add(new Weighted(new Diagnosis("I21.4", Specialty.CARDIOLOGY, 4, false, "FNG05", 0.6), age >= 45 ? (age - 40) / 10.0 : 0));
    w.add(new Weighted(new Diagnosis("I63.9", Specialty.MEDICINE, 9, false, null, 0), age >= 55 ? (age - 50) / 8.0 : 0));
    w.add(new Weighted(new Diagnosis("S72.0", Specialty.ORTHOPAEDICS, 8, false, "NFJ59", 0.95), age >= 65 ? (age - 60) / 5.0 * (female ? 1.5 : 1) : 0));
    w.add(new Weighted(new Diagnosis("K35.8", Specialty.SURGERY, 2, true, "JEA01", 0.9), age >= 8 && age <= 45 ? 2 : 0));
    w.add(new Weighted(new Diagnosis("O80.0", Specialty.OBSTETRICS, 2, false, "MAC00", 1.0), female && age >= 20 && age <= 42 ? 6 : 0));
    w.add(new Weighted(new Diagnosis("I50.9", Specialty.MEDICINE, 6, false, null, 0), c.has(Condition.HEART_FAILURE) ? 8 : age >= 75 ? 0.5 : 0));
    w.add(new Weighted(new Diagnosis("J44.1", Specialty.MEDICINE, 5, false, null, 0), c.has(Condition.COPD) ? 8 : 0));
    w.add(new Weighted(new Diagnosis("A41.9", Specialty.MEDICINE, 7, true, null, 0), age >= 70 ? 1.5 : 0.2));
    w.add(new Weighted(new Diagnosis("N10", Specialty.MEDICINE, 3, true, null, 0), female ? 1.5 : 0.5));
    w.add(new Weighted(new Diagnosis("F32.2", Specialty.PSYCHIATRY, 18, false, null, 0), c.has(Condition.DEPRESSION) && age >= 18 ? 6 : 0));
    w.add(new Weighted(new Diagnosis("R55", Specialty.MEDICINE, 2, false, null, 0), age >= 60 ? 1 : 0.4));
    Diagnosis d = draw(r, w);
    if (age < 16 && d.specialty() != Specialty.OBSTETRICS) {
      return d.in(Specialty.PAEDIATRICS);
    }
    if (age >= 80 && d.specialty() == Specialty.MEDICINE && r.chance(0.4)) {
      return d.in(Specialty.GERIATRICS);
    }
    return d;
  }

  static Diagnosis primaryCare(SeededRandom r, int age, Sex sex) {
    List<Weighted> w = new ArrayList<>();
    w.add(new Weighted(Diagnosis.of("J06.9", Specialty.PRIMARY_CARE).infectious(), 20));
    w.add(new Weighted(Diagnosis.of("J03.9", Specialty.PRIMARY_CARE).infectious(), age < 40 ? 12 : 4));
    w.add(new Weighted(Diagnosis.of("H66.9", Specialty.PRIMARY_CARE).infectious(), age < 10 ? 12 : 1));
    w.add(new Weighted(Diagnosis.of("N39.0", Specialty.PRIMARY_CARE).infectious(), sex == Sex.F ? 8 : 2));
    w.add(new Weighted(Diagnosis.of("M54.5", Specialty.PRIMARY_CARE), age >= 18 ? 10 : 0.5));
    w.add(new Weighted(Diagnosis.of("Z00.0", Specialty.PRIMARY_CARE).withProcedure("AF037", age >= 50 ? 0.2 : 0), 6));
    w.add(new Weighted(Diagnosis.of("R05", Specialty.PRIMARY_CARE), 5));
    w.add(new Weighted(Diagnosis.of("R51", Specialty.PRIMARY_CARE), 4));
    w.add(new Weighted(Diagnosis.of("L30.9", Specialty.PRIMARY_CARE), 4));
    w.add(new Weighted(Diagnosis.of("K59.0", Specialty.PRIMARY_CARE), 3));
    return draw(r, w);
  }

  /** An elective reason to be referred to a hospital clinic, or null when none fits the patient. */
  static Diagnosis elective(SeededRandom r, int age, Sex sex) {
    List<Weighted> w = new ArrayList<>();
    w.add(new Weighted(Diagnosis.of("R07.4", Specialty.CARDIOLOGY).withProcedure("AF037", 0.8), age >= 35 ? 3 : 0));
    w.add(new Weighted(Diagnosis.of("M17.1", Specialty.ORTHOPAEDICS).withProcedure("NGB49", 0.15), age >= 50 ? 3 : 0));
    w.add(new Weighted(Diagnosis.of("M16.1", Specialty.ORTHOPAEDICS).withProcedure("NFB49", 0.15), age >= 55 ? 2 : 0));
    w.add(new Weighted(Diagnosis.of("K80.2", Specialty.SURGERY).withProcedure("JKA21", 0.3), age >= 25 ? 2 : 0));
    w.add(new Weighted(Diagnosis.of("N92.0", Specialty.GYNAECOLOGY), sex == Sex.F && age >= 15 && age <= 52 ? 3 : 0));
    return w.stream().mapToDouble(Weighted::weight).sum() == 0 ? null : draw(r, w);
  }

  /** A follow-up visit for a long-term condition, at its clinic (children at the children's clinics). */
  static Diagnosis followUp(Condition condition, PatientConditions c, int age) {
    Specialty clinic = condition.clinic;
    if (age < 18 && (clinic == Specialty.PSYCHIATRY || clinic == Specialty.CHILD_PSYCHIATRY)) {
      clinic = Specialty.CHILD_PSYCHIATRY;
    } else if (age < 18) {
      clinic = Specialty.PAEDIATRICS;
    } else if (clinic == Specialty.CHILD_PSYCHIATRY) {
      clinic = Specialty.PSYCHIATRY;
    }
    Diagnosis d = Diagnosis.of(c.icd(condition), clinic);
    return switch (condition) {
      case ASTHMA, COPD -> d.withProcedure("GD001", 0.5);
      case ATRIAL_FIBRILLATION, HEART_FAILURE -> d.withProcedure("AF037", 0.7);
      case DEPRESSION, ANXIETY -> d.withProcedure("DV027", 0.4);
      default -> d;
    };
  }

  private static Diagnosis draw(SeededRandom r, List<Weighted> w) {
    double[] weights = new double[w.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = w.get(i).weight();
    }
    return w.get(r.weighted(weights)).diagnosis();
  }
}
