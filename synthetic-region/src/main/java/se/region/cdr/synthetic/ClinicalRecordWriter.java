package se.region.cdr.synthetic;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one patient's rows to every clinical file, contact by contact in time order: encounter,
 * diagnoses, referral (first clinic visit), orders, labs, vital signs, procedure and cost; stays
 * go to the bed ledger; known answers are counted from the rows as written.
 */
final class ClinicalRecordWriter {
  private final SourceFiles files;
  private final Organisation organisation;
  private final BedLedger beds;
  private final KnownAnswers answers;
  private final LocalDate start;
  private final LocalDate end;

  ClinicalRecordWriter(SourceFiles files, Organisation organisation, BedLedger beds, KnownAnswers answers, RegionParameters parameters) {
    this.files = files;
    this.organisation = organisation;
    this.beds = beds;
    this.answers = answers;
    this.start = parameters.start();
    this.end = parameters.end();
  }

  void write(Patient p, PatientConditions c, List<Visit> visits, SeededRandom r) {
    files.patients.text(p.id()).date(p.birthDate()).text(p.sex().name()).text(p.home().code()).end();
    int ageAtStart = p.ageAt(start);
    answers.add("patients");
    answers.add(p.sex() == Sex.M ? "patients_male" : "patients_female");
    if (ageAtStart < 18) {
      answers.add("patients_under_18_at_start");
    } else if (ageAtStart >= 65) {
      answers.add("patients_65_plus_at_start");
    }
    Body body = new Body(p, c, r);
    KnownAnswers.PatientFlags flags = new KnownAnswers.PatientFlags();
    List<Order> orders = new ArrayList<>();
    LocalDateTime lastDischarge = null;
    int lastHba1cYear = -1;
    for (Visit v : visits) {
      String contact = files.nextContactId();
      LocalDate day = v.start().toLocalDate();
      int age = p.ageAt(day);
      files.encounters.text(contact).text(p.id()).text(v.unit().hsaId()).text(v.kind().label).time(v.start()).time(v.end()).end();
      if (v.kind() == UnitKind.INPATIENT) {
        beds.stay(v.unit(), v.start(), v.end());
        answers.add("inpatient_stays");
        if (lastDischarge != null && !v.start().isAfter(lastDischarge.plusDays(30))) {
          answers.add("readmissions_within_30_days");
        }
        lastDischarge = v.end();
      }
      diagnoses(contact, p, v, c, flags);
      if (v.firstAtUnit()) {
        referral(contact, p, v, r);
      }
      int stayDays = (int) (v.end().toLocalDate().toEpochDay() - day.toEpochDay());
      List<Order> newOrders = new ArrayList<>(Prescribing.forAcute(v.main().icd(), stayDays, r));
      if (v.registersAll()) {
        for (Condition condition : c.set()) {
          newOrders.addAll(Prescribing.forCondition(condition, age, r, orders));
        }
      }
      for (Order o : newOrders) {
        order(contact, p, day, o, r, flags);
      }
      orders.addAll(newOrders);
      List<Analyte> tests = labTests(v, c, age, day.getYear() != lastHba1cYear, r);
      if (tests.contains(Analyte.HBA1C)) {
        lastHba1cYear = day.getYear();
      }
      LocalDateTime sampled = v.start().plusMinutes(r.between(1, 4) * 10L);
      for (Analyte a : tests) {
        double value = a.draw(r, age, p.sex(), c, v.main().infection());
        files.labs.text(p.id()).text(contact).time(sampled).text(a.npu).text(a.loinc).decimal(value, a.decimals).text(a.unit).end();
        if (a == Analyte.HBA1C && Math.round(value) > 48) {
          flags.hba1cOver48 = true;
        }
      }
      vitals(contact, p, v, c, body, r);
      boolean procedure = v.main().kva() != null && r.chance(v.main().kvaShare());
      if (procedure) {
        LocalDateTime at = v.kind() == UnitKind.INPATIENT ? v.start().plusHours(r.between(2, 20)) : v.start().plusMinutes(10);
        files.procedures.text(p.id()).text(contact).text(v.main().kva()).time(at).text(v.unit().hsaId()).end();
      }
      cost(contact, p, v, stayDays, tests.size(), newOrders.size(), procedure, r);
    }
    if (r.chance(0.02)) {
      pendingReferral(p, r);
    }
    flags.foldInto(answers);
  }

  private void diagnoses(String contact, Patient p, Visit v, PatientConditions c, KnownAnswers.PatientFlags flags) {
    String day = v.start().toLocalDate().toString();
    files.diagnoses.text(contact).text(p.id()).text(v.main().icd()).text("main").text(day).end();
    flag(v.main().icd(), flags);
    for (Condition condition : v.secondary()) {
      String icd = c.icd(condition);
      if (!icd.equals(v.main().icd())) {
        files.diagnoses.text(contact).text(p.id()).text(icd).text("secondary").text(day).end();
        flag(icd, flags);
      }
    }
  }

  private static void flag(String icd, KnownAnswers.PatientFlags flags) {
    flags.e11 |= icd.startsWith("E11");
    flags.i10 |= icd.startsWith("I10");
    flags.j45 |= icd.startsWith("J45");
    flags.depression |= icd.startsWith("F32") || icd.startsWith("F33");
  }

  private void referral(String contact, Patient p, Visit v, SeededRandom r) {
    LocalDate visitDay = v.start().toLocalDate();
    int waitDays = 7 + (int) r.exponential(40);
    int decisionDays = 1 + (int) r.exponential(4);
    LocalDate decided = visitDay.minusDays(waitDays);
    LocalDate referred = decided.minusDays(decisionDays);
    Unit from = organisation.primaryCare(p.home().code(), p.index(), referred.isBefore(start) ? start : referred);
    files.referrals.text(files.nextReferralId()).text(p.id()).text(from.hsaId()).text(v.unit().hsaId()).date(referred).date(decided)
        .date(visitDay).text(contact).end();
  }

  /** A referral sent near the end of the period whose first visit has not happened yet. */
  private void pendingReferral(Patient p, SeededRandom r) {
    int age = p.ageAt(end.minusDays(1));
    Diagnosis d = age >= 15 ? DiagnosisCatalogue.elective(r, age, p.sex()) : null;
    if (d == null) {
      return;
    }
    LocalDate referred = end.minusDays(r.between(10, 90));
    LocalDate decided = referred.plusDays(1 + (int) r.exponential(4));
    Unit from = organisation.primaryCare(p.home().code(), p.index(), referred);
    Unit to = organisation.hospitalUnit(UnitKind.OUTPATIENT, d.specialty(), p.home().code(), referred);
    files.referrals.text(files.nextReferralId()).text(p.id()).text(from.hsaId()).text(to.hsaId()).date(referred)
        .date(decided.isBefore(end) ? decided : null).empty().empty().end();
    answers.add("referrals_pending");
  }

  private void order(String contact, Patient p, LocalDate day, Order o, SeededRandom r, KnownAnswers.PatientFlags flags) {
    LocalDate stop;
    if (o.days() > 0) {
      stop = day.plusDays(o.days());
    } else {
      double chance = o.ssri() ? 0.5 : 0.1;
      stop = r.chance(chance) ? day.plusDays(o.ssri() ? r.between(180, 400) : 30 + (long) r.exponential(700)) : null;
      if (stop != null && !stop.isBefore(end)) {
        stop = null;
      }
    }
    CsvOut out = files.medications.text(files.nextOrderId()).text(p.id()).text(contact).text(o.atc()).decimal(o.dose(), o.dose() % 1 == 0 ? 0 : 1)
        .text(o.unit());
    (o.timesPerDay() == 0 ? out.empty() : out.number(o.timesPerDay())).text(o.route()).date(day).date(stop).end();
    flags.metformin |= o.atc().equals("A10BA02");
    flags.ssri |= o.ssri();
    flags.ssriUnder18 |= o.ssri() && p.ageAt(day) < 18;
  }

  private static List<Analyte> labTests(Visit v, PatientConditions c, int age, boolean hba1cDue, SeededRandom r) {
    List<Analyte> tests = new ArrayList<>(6);
    boolean diabetic = c.has(Condition.DIABETES_TYPE_2);
    switch (v.kind()) {
      case INPATIENT -> {
        tests.addAll(List.of(Analyte.CRP, Analyte.HAEMOGLOBIN, Analyte.SODIUM, Analyte.POTASSIUM, Analyte.CREATININE));
        if (v.main().icd().startsWith("I50")) {
          tests.add(Analyte.NT_PROBNP);
        }
        if (diabetic && hba1cDue) {
          tests.add(Analyte.HBA1C);
        }
      }
      case PRIMARY -> {
        if (v.main().infection() && r.chance(0.6)) {
          tests.add(Analyte.CRP);
        }
        if ((diabetic && hba1cDue) || (v.main().icd().equals("Z00.0") && age >= 40)) {
          tests.add(Analyte.HBA1C);
          tests.add(Analyte.CREATININE);
        }
        if (r.chance(0.1)) {
          tests.add(Analyte.HAEMOGLOBIN);
        }
      }
      case OUTPATIENT -> {
        if (diabetic && v.unit().specialty() == Specialty.MEDICINE && r.chance(0.8)) {
          tests.add(Analyte.HBA1C);
        }
        if (v.main().icd().startsWith("I50") && r.chance(0.7)) {
          tests.add(Analyte.NT_PROBNP);
          tests.add(Analyte.CREATININE);
        }
      }
    }
    return tests;
  }

  private void vitals(String contact, Patient p, Visit v, PatientConditions c, Body body, SeededRandom r) {
    double share = switch (v.kind()) {
      case INPATIENT -> 1.0;
      case OUTPATIENT -> 0.6;
      case PRIMARY -> 0.55;
    };
    if (!r.chance(share)) {
      return;
    }
    measure(contact, p, v.start().plusMinutes(r.between(1, 3) * 5L), v, c, body, r);
    if (v.kind() == UnitKind.INPATIENT && v.end().toLocalDate().toEpochDay() - v.start().toLocalDate().toEpochDay() >= 3) {
      measure(contact, p, v.end().minusHours(r.between(18, 26)), v, c, body, r);
    }
  }

  private void measure(String contact, Patient p, LocalDateTime at, Visit v, PatientConditions c, Body body, SeededRandom r) {
    LocalDate day = at.toLocalDate();
    double systolic = body.systolic(day, c, r);
    CsvOut out = files.vitals.text(p.id()).text(contact).time(at);
    if (systolic == 0) {
      out.empty().empty();
    } else {
      double diastolic = Math.max(35, Math.min(systolic - 15, 0.58 * systolic + 8 + r.gaussian(0, 6)));
      out.decimal(systolic, 0).decimal(diastolic, 0);
    }
    out.decimal(body.pulse(day, c, r), 0).decimal(body.temperature(v.main().infection(), r), 1).decimal(body.weight(day, r), 1)
        .decimal(body.height(day), 0).end();
  }

  private void cost(String contact, Patient p, Visit v, int stayDays, int labCount, int orderCount, boolean procedure, SeededRandom r) {
    double staff = switch (v.kind()) {
      case INPATIENT -> Math.max(1, stayDays) * r.clipped(6200, 1100, 3500, 12000);
      case OUTPATIENT -> r.clipped(2100, 450, 900, 5000);
      case PRIMARY -> r.clipped(1050, 250, 400, 2500);
    };
    if (procedure) {
      staff += v.kind() == UnitKind.INPATIENT ? r.clipped(22000, 6000, 8000, 60000) : r.clipped(900, 300, 200, 3000);
    }
    double drugs = v.kind() == UnitKind.INPATIENT ? Math.max(1, stayDays) * r.clipped(260, 80, 50, 900) : orderCount * 40.0;
    double lab = labCount * 65.0;
    double imaging = r.chance(v.kind() == UnitKind.INPATIENT ? 0.5 : 0.08) ? r.clipped(1600, 500, 400, 6000) : 0;
    long staffSek = Math.round(staff);
    long drugsSek = Math.round(drugs);
    long labSek = Math.round(lab);
    long imagingSek = Math.round(imaging);
    long overheadSek = Math.round((staffSek + drugsSek + labSek + imagingSek) * 0.18);
    files.costs.text(contact).text(p.id()).text(v.unit().hsaId()).number(staffSek).number(drugsSek).number(labSek).number(imagingSek)
        .number(overheadSek).number(staffSek + drugsSek + labSek + imagingSek + overheadSek).end();
  }
}
