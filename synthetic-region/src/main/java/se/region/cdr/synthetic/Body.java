package se.region.cdr.synthetic;

import java.time.LocalDate;

/**
 * A patient's build and the vital signs drawn from it: adult height and BMI are fixed per patient;
 * children grow along a simple curve; blood pressure rises with age (and with hypertension), the
 * pulse falls with age, fever comes with infections. Values are rounded as devices report them.
 */
final class Body {
  /** Share of adult height reached at ages 0, 1, 2, 4, 6, 8, 10, 12, 14, 16, 18. */
  private static final double[] GROWTH = {0.29, 0.43, 0.5, 0.58, 0.66, 0.74, 0.8, 0.86, 0.93, 0.97, 1.0};
  private static final int[] GROWTH_AGES = {0, 1, 2, 4, 6, 8, 10, 12, 14, 16, 18};

  private final Patient patient;
  private final double adultHeight;
  private final double adultBmi;

  Body(Patient patient, PatientConditions conditions, SeededRandom r) {
    this.patient = patient;
    this.adultHeight = patient.sex() == Sex.M ? r.clipped(180, 7, 155, 205) : r.clipped(166, 6, 145, 190);
    this.adultBmi = r.clipped(26 + (conditions.has(Condition.DIABETES_TYPE_2) ? 4 : 0), 4, 17, 48);
  }

  /** Age in years, with fractions, on a date. */
  double age(LocalDate date) {
    return (date.toEpochDay() - patient.birthDate().toEpochDay()) / 365.25;
  }

  double height(LocalDate date) {
    double age = age(date);
    if (age >= 18) {
      return adultHeight - Math.max(0, age - 70) * 0.1;
    }
    int i = 0;
    while (i < GROWTH_AGES.length - 2 && GROWTH_AGES[i + 1] <= age) {
      i++;
    }
    double span = GROWTH_AGES[i + 1] - GROWTH_AGES[i];
    double share = GROWTH[i] + (GROWTH[i + 1] - GROWTH[i]) * (age - GROWTH_AGES[i]) / span;
    return adultHeight * share;
  }

  double weight(LocalDate date, SeededRandom r) {
    double age = age(date);
    if (age < 2) {
      return 3.5 + 4.5 * age + r.gaussian(0, 0.3);
    }
    double bmi = age >= 18 ? adultBmi : 15.5 + (adultBmi - 15.5) * Math.max(0, age - 6) / 12;
    double metres = height(date) / 100;
    return bmi * metres * metres + r.gaussian(0, 0.8);
  }

  /** Systolic pressure; 0 for children under 3 (not measured). */
  double systolic(LocalDate date, PatientConditions c, SeededRandom r) {
    double age = age(date);
    if (age < 3) {
      return 0;
    }
    double mean = age < 18 ? 92 + age * 1.3 : 112 + 0.45 * (age - 20);
    return r.clipped(mean + (c.has(Condition.HYPERTENSION) ? 14 : 0), 13, 70, 240);
  }

  double pulse(LocalDate date, PatientConditions c, SeededRandom r) {
    double age = age(date);
    double mean = age < 1 ? 130 : age < 18 ? 110 - age * 2.2 : 72;
    return r.clipped(mean + (c.has(Condition.ATRIAL_FIBRILLATION) ? 10 : 0), c.has(Condition.ATRIAL_FIBRILLATION) ? 18 : 10, 35, 200);
  }

  double temperature(boolean infection, SeededRandom r) {
    return infection ? r.clipped(38.3, 0.6, 36.5, 41.0) : r.clipped(36.8, 0.3, 35.8, 37.8);
  }
}
