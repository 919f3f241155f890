package se.region.cdr.synthetic;

import java.time.LocalDate;
import java.util.BitSet;
import java.util.List;

/**
 * Who lives in the region: age and sex follow Sweden's population pyramid (SCB, 2023, five-year
 * bands, rounded), homes the municipalities' shares. Personal identity numbers are unique: a
 * bitmap over (birth day, birth number) of fixed size, so memory does not grow with patients.
 */
final class Population {
  /** Share of the population per five-year age band 0-4 ... 95-99, in percent. */
  private static final double[] AGE_BANDS = {
    5.5, 6.0, 6.2, 5.9, 5.8, 6.6, 7.0, 6.7, 6.3, 6.3, 6.6, 6.3, 5.6, 5.3, 5.1, 4.6, 2.9, 1.6, 0.7, 0.2
  };

  private final List<Municipality> municipalities;
  private final double[] municipalityWeights;
  private final LocalDate start;
  private final LocalDate oldest;
  private final BitSet taken;

  Population(String regionCode, LocalDate start) {
    this.start = start;
    this.municipalities = List.of(
        new Municipality(regionCode + "01", "Norrhamn", 34),
        new Municipality(regionCode + "02", "Ekeby", 15),
        new Municipality(regionCode + "03", "Sjöstad", 10),
        new Municipality(regionCode + "04", "Björkvik", 8),
        new Municipality(regionCode + "05", "Lindås", 7),
        new Municipality(regionCode + "06", "Granö", 6),
        new Municipality(regionCode + "07", "Åsbacka", 5),
        new Municipality(regionCode + "08", "Tallmo", 5),
        new Municipality(regionCode + "09", "Vassbo", 4),
        new Municipality(regionCode + "10", "Ängsta", 3),
        new Municipality(regionCode + "11", "Mossvik", 2),
        new Municipality(regionCode + "12", "Ljungdal", 1));
    this.municipalityWeights = municipalities.stream().mapToDouble(Municipality::share).toArray();
    this.oldest = start.minusYears(100);
    this.taken = new BitSet((int) (start.toEpochDay() - oldest.toEpochDay() + 1) * 1000);
  }

  List<Municipality> municipalities() {
    return municipalities;
  }

  /** Male share by age: about even until 65, then women outlive men. */
  static double maleShare(int age) {
    if (age < 65) {
      return 0.512;
    }
    if (age < 80) {
      return 0.48;
    }
    return age < 90 ? 0.42 : 0.32;
  }

  Patient draw(SeededRandom random, long index) {
    int band = random.weighted(AGE_BANDS);
    LocalDate birth = start.minusDays(1 + random.nextInt(365 * 5)).minusYears(5L * band);
    if (birth.isBefore(oldest)) {
      birth = oldest;
    }
    int age = age(birth, start);
    Sex sex = random.chance(maleShare(age)) ? Sex.M : Sex.F;
    String id = personNumber(random, birth, sex);
    Municipality home = municipalities.get(random.weighted(municipalityWeights));
    return new Patient(index, id, birth, sex, home);
  }

  private String personNumber(SeededRandom random, LocalDate birth, Sex sex) {
    int day = (int) (birth.toEpochDay() - oldest.toEpochDay());
    int parity = sex == Sex.M ? 1 : 0;
    // 500 birth numbers per day and sex; a region has far fewer people born on one day.
    for (int attempt = 0; attempt < 500; attempt++) {
      int number = random.nextInt(500) * 2 + parity;
      int bit = day * 1000 + number;
      if (!taken.get(bit)) {
        taken.set(bit);
        return PersonNumber.of(birth, number);
      }
    }
    for (int number = parity; number < 1000; number += 2) {
      if (!taken.get(day * 1000 + number)) {
        taken.set(day * 1000 + number);
        return PersonNumber.of(birth, number);
      }
    }
    throw new IllegalStateException("All birth numbers of " + birth + " are taken");
  }

  static int age(LocalDate birth, LocalDate at) {
    return java.time.Period.between(birth, at).getYears();
  }
}
