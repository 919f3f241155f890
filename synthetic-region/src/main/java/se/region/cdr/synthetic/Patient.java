package se.region.cdr.synthetic;

import java.time.LocalDate;

/** A patient of the region: index (its random stream), personal identity number, birth date, sex, home. */
record Patient(long index, String id, LocalDate birthDate, Sex sex, Municipality home) {
  int ageAt(LocalDate date) {
    return Population.age(birthDate, date);
  }
}
