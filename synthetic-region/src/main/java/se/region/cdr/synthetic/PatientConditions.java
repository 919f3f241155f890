package se.region.cdr.synthetic;

import java.util.EnumSet;
import java.util.Set;

/** A patient's long-term conditions at the start of the period, and whether a depression is recurrent. */
record PatientConditions(Set<Condition> set, boolean recurrentDepression) {
  PatientConditions {
    set = set.isEmpty() ? EnumSet.noneOf(Condition.class) : EnumSet.copyOf(set);
  }

  static PatientConditions draw(SeededRandom r, int age, Sex sex) {
    EnumSet<Condition> set = EnumSet.noneOf(Condition.class);
    for (Condition c : Condition.values()) {
      if (r.chance(c.prevalence(age, sex))) {
        set.add(c);
      }
    }
    return new PatientConditions(set, age >= 25 && r.chance(0.3));
  }

  boolean has(Condition c) {
    return set.contains(c);
  }

  String icd(Condition c) {
    return c.icdFor(recurrentDepression);
  }
}
