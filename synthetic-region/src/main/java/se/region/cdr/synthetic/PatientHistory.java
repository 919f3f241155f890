package se.region.cdr.synthetic;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Plans a patient's contacts over the period, in time order: hospital stays first (with
 * readmissions within 30 days for some), then primary care and clinic visits outside the stays.
 * Rates are per person-year, by age and number of long-term conditions; every patient with a
 * long-term condition has one primary care visit early on that records all of them.
 */
final class PatientHistory {
  private static final java.util.Set<String> ONE_OFF = java.util.Set.of("O80.0", "K35.8", "S72.0");

  private final Organisation organisation;
  private final LocalDate start;
  private final LocalDate end;
  private final int days;

  PatientHistory(Organisation organisation, RegionParameters parameters) {
    this.organisation = organisation;
    this.start = parameters.start();
    this.end = parameters.end();
    this.days = (int) (end.toEpochDay() - start.toEpochDay());
  }

  List<Visit> plan(Patient p, PatientConditions c, SeededRandom r) {
    int age = p.ageAt(start);
    double years = days / 365.25;
    List<Visit> stays = stays(p, c, r, age, years);
    List<Visit> visits = new ArrayList<>(stays);
    int conditions = c.set().size();
    if (conditions > 0) {
      LocalDate day = start.plusDays(r.nextInt(Math.min(days, 120)));
      LocalDate free = insideStay(stays, day) ? firstFreeDay(stays, day) : day;
      if (free.isBefore(end)) {
        visits.add(primary(p, c, free, r, Diagnosis.of(c.icd(c.set().iterator().next()), Specialty.PRIMARY_CARE), true));
      }
    }
    int primaryCount = r.poisson(primaryRate(age) * years + 0.6 * conditions * years);
    for (int i = 0; i < primaryCount; i++) {
      LocalDate day = randomDay(r);
      if (insideStay(stays, day)) {
        continue;
      }
      Diagnosis main = conditions > 0 && r.chance(0.45) ? followUpInPrimary(c, r) : DiagnosisCatalogue.primaryCare(r, p.ageAt(day), p.sex());
      visits.add(primary(p, c, day, r, main, false));
    }
    for (Condition condition : c.set()) {
      int count = r.poisson(0.6 * years);
      for (int i = 0; i < count; i++) {
        LocalDate day = randomDay(r);
        if (!insideStay(stays, day)) {
          visits.add(clinic(p, c, day, r, DiagnosisCatalogue.followUp(condition, c, p.ageAt(day))));
        }
      }
    }
    int electives = age >= 15 ? r.poisson(0.12 * years) : 0;
    for (int i = 0; i < electives; i++) {
      LocalDate day = randomDay(r);
      Diagnosis d = DiagnosisCatalogue.elective(r, p.ageAt(day), p.sex());
      if (d != null && !insideStay(stays, day)) {
        visits.add(clinic(p, c, day, r, d));
      }
    }
    visits.sort(Comparator.comparing(Visit::start));
    return markFirstVisits(visits);
  }

  private List<Visit> stays(Patient p, PatientConditions c, SeededRandom r, int age, double years) {
    double rate = age < 18 ? 0.03 : age < 45 ? 0.05 : age < 65 ? 0.07 : age < 80 ? 0.15 : 0.35;
    rate += 0.1 * (bool(c.has(Condition.HEART_FAILURE)) + bool(c.has(Condition.COPD)) + bool(c.has(Condition.ATRIAL_FIBRILLATION)));
    if (p.sex() == Sex.F && age >= 20 && age <= 40) {
      rate += 0.05;
    }
    int count = r.poisson(rate * years);
    List<LocalDate> admissions = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      admissions.add(randomDay(r));
    }
    admissions.sort(null);
    List<Visit> stays = new ArrayList<>();
    LocalDateTime free = start.atStartOfDay();
    for (LocalDate day : admissions) {
      Diagnosis d = DiagnosisCatalogue.admission(r, p.ageAt(day), p.sex(), c);
      LocalDateTime admitted = admissionTime(day, r);
      if (admitted.isBefore(free)) {
        admitted = admissionTime(free.toLocalDate().plusDays(1 + r.nextInt(5)), r);
      }
      while (admitted.toLocalDate().isBefore(end)) {
        Visit stay = stay(p, c, admitted, d, r);
        stays.add(stay);
        free = stay.end();
        double readmission = p.ageAt(day) >= 65 ? 0.16 : 0.10;
        if (!r.chance(readmission)) {
          break;
        }
        admitted = admissionTime(stay.end().toLocalDate().plusDays(r.between(1, 29)), r);
        d = readmission(d, r, p.ageAt(day), p.sex(), c);
      }
    }
    return stays;
  }

  /** Most readmissions are for the same problem; a birth, an appendicitis or a hip fracture does not happen again. */
  private static Diagnosis readmission(Diagnosis index, SeededRandom r, int age, Sex sex, PatientConditions c) {
    if (!ONE_OFF.contains(index.icd()) && r.chance(0.6)) {
      return index;
    }
    for (int attempt = 0; attempt < 20; attempt++) {
      Diagnosis d = DiagnosisCatalogue.admission(r, age, sex, c);
      if (!ONE_OFF.contains(d.icd())) {
        return d;
      }
    }
    return new Diagnosis("R55", age < 16 ? Specialty.PAEDIATRICS : Specialty.MEDICINE, 2, false, null, 0);
  }

  private Visit stay(Patient p, PatientConditions c, LocalDateTime admitted, Diagnosis d, SeededRandom r) {
    int nights = 1 + (int) r.exponential(Math.max(0.5, d.meanStayDays() - 1));
    LocalDateTime discharged = admitted.toLocalDate().plusDays(nights).atTime(r.between(10, 15), r.nextInt(6) * 10);
    Unit ward = organisation.hospitalUnit(UnitKind.INPATIENT, d.specialty(), p.home().code(), admitted.toLocalDate());
    return new Visit(UnitKind.INPATIENT, ward, admitted, discharged, d, secondaries(c, r, 0.7), false, false);
  }

  private Visit primary(Patient p, PatientConditions c, LocalDate day, SeededRandom r, Diagnosis main, boolean registersAll) {
    LocalDateTime startTime = day.atTime(r.between(8, 16), r.nextInt(6) * 10);
    Unit centre = organisation.primaryCare(p.home().code(), p.index(), day);
    List<Condition> secondary = registersAll ? List.copyOf(c.set()) : secondaries(c, r, 0.4);
    return new Visit(UnitKind.PRIMARY, centre, startTime, startTime.plusMinutes(r.between(2, 5) * 10L), main, secondary, false, registersAll);
  }

  private Visit clinic(Patient p, PatientConditions c, LocalDate day, SeededRandom r, Diagnosis main) {
    LocalDateTime startTime = day.atTime(r.between(8, 15), r.nextInt(4) * 15);
    Unit unit = organisation.hospitalUnit(UnitKind.OUTPATIENT, main.specialty(), p.home().code(), day);
    return new Visit(UnitKind.OUTPATIENT, unit, startTime, startTime.plusMinutes(r.between(2, 4) * 15L), main, secondaries(c, r, 0.3),
        false, false);
  }

  private static Diagnosis followUpInPrimary(PatientConditions c, SeededRandom r) {
    List<Condition> list = List.copyOf(c.set());
    return Diagnosis.of(c.icd(r.pick(list)), Specialty.PRIMARY_CARE);
  }

  private static List<Condition> secondaries(PatientConditions c, SeededRandom r, double share) {
    List<Condition> list = new ArrayList<>(2);
    for (Condition condition : c.set()) {
      if (r.chance(share)) {
        list.add(condition);
      }
    }
    return list;
  }

  /** Marks each patient's first visit to a clinic: it was preceded by a referral. */
  private static List<Visit> markFirstVisits(List<Visit> visits) {
    List<String> seen = new ArrayList<>();
    List<Visit> marked = new ArrayList<>(visits.size());
    for (Visit v : visits) {
      if (v.kind() == UnitKind.OUTPATIENT && !seen.contains(v.unit().hsaId())) {
        seen.add(v.unit().hsaId());
        marked.add(new Visit(v.kind(), v.unit(), v.start(), v.end(), v.main(), v.secondary(), true, v.registersAll()));
      } else {
        marked.add(v);
      }
    }
    return marked;
  }

  private LocalDateTime admissionTime(LocalDate day, SeededRandom r) {
    int hour = r.nextInt(24);
    // No hour 2: it does not exist once a year in Europe/Stockholm (and happens twice once a year).
    return day.atTime(hour == 2 ? 3 : hour, r.nextInt(60));
  }

  private LocalDate randomDay(SeededRandom r) {
    return start.plusDays(r.nextInt(days));
  }

  private static boolean insideStay(List<Visit> stays, LocalDate day) {
    for (Visit s : stays) {
      if (!day.isBefore(s.start().toLocalDate()) && !day.isAfter(s.end().toLocalDate())) {
        return true;
      }
    }
    return false;
  }

  private static LocalDate firstFreeDay(List<Visit> stays, LocalDate day) {
    LocalDate d = day;
    while (insideStay(stays, d)) {
      d = d.plusDays(1);
    }
    return d;
  }

  private static double primaryRate(int age) {
    return age < 6 ? 2.5 : age < 18 ? 1.0 : age < 45 ? 1.0 : age < 65 ? 1.5 : age < 80 ? 2.5 : 3.5;
  }

  private static int bool(boolean b) {
    return b ? 1 : 0;
  }
}
