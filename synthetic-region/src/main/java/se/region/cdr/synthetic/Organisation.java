package se.region.cdr.synthetic;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The region's care providers and units: the region's own provider with two hospitals (wards and
 * clinics) and most primary care centres, and two private providers with the rest. Units have
 * history: one ward is renamed half-way through the period (same HSA-id, two periods) and one
 * primary care centre closes then, replaced in its town by a private one. Beds scale with the
 * number of patients (about 2.2 per 1,000, as in Sweden).
 */
final class Organisation {
  static final String REGION_PROVIDER = "SE2321000099-0001";
  private static final String PRIVATE_NORTH = "SE5565000101-0001";
  private static final String PRIVATE_SOUTH = "SE5565000202-0001";
  private static final String HOSPITAL_NORRHAMN = "Norrhamns sjukhus";
  private static final String HOSPITAL_EKEBY = "Ekeby lasarett";

  private final RegionParameters parameters;
  private final List<Municipality> municipalities;
  private final LocalDate since;
  private final LocalDate change;
  private final List<Unit> units = new ArrayList<>();
  private int serial;

  Organisation(RegionParameters parameters, List<Municipality> municipalities) {
    this.parameters = parameters;
    this.municipalities = municipalities;
    this.since = LocalDate.of(parameters.start().getYear() - 10, 1, 1);
    this.change = parameters.start().plusMonths(parameters.years() * 6L).withDayOfMonth(1);
    String north = municipalities.get(0).code();
    String ekeby = municipalities.get(1).code();
    double bedsPerWeight = parameters.patients() * 2.2 / 1000 / 14.0;
    ward(HOSPITAL_NORRHAMN, north, "Avd 11 Medicin", Specialty.MEDICINE, 2.5, bedsPerWeight, "Avd 11 Infektion och medicin");
    ward(HOSPITAL_NORRHAMN, north, "Avd 12 Kardiologi", Specialty.CARDIOLOGY, 1.2, bedsPerWeight, null);
    ward(HOSPITAL_NORRHAMN, north, "Avd 21 Kirurgi", Specialty.SURGERY, 1.2, bedsPerWeight, null);
    ward(HOSPITAL_NORRHAMN, north, "Avd 31 Ortopedi", Specialty.ORTHOPAEDICS, 1.3, bedsPerWeight, null);
    ward(HOSPITAL_NORRHAMN, north, "Avd 41 Barn och ungdom", Specialty.PAEDIATRICS, 0.6, bedsPerWeight, null);
    ward(HOSPITAL_NORRHAMN, north, "Avd 51 BB och förlossning", Specialty.OBSTETRICS, 0.8, bedsPerWeight, null);
    ward(HOSPITAL_NORRHAMN, north, "Avd 61 Psykiatri", Specialty.PSYCHIATRY, 1.5, bedsPerWeight, null);
    ward(HOSPITAL_NORRHAMN, north, "Avd 71 Geriatrik", Specialty.GERIATRICS, 1.5, bedsPerWeight, null);
    ward(HOSPITAL_EKEBY, ekeby, "Avd 1 Medicin", Specialty.MEDICINE, 2.0, bedsPerWeight, null);
    ward(HOSPITAL_EKEBY, ekeby, "Avd 2 Kirurgi och ortopedi", Specialty.SURGERY, 1.4, bedsPerWeight, null);
    clinic(HOSPITAL_NORRHAMN, north, "Medicinmottagningen", Specialty.MEDICINE);
    clinic(HOSPITAL_NORRHAMN, north, "Hjärtmottagningen", Specialty.CARDIOLOGY);
    clinic(HOSPITAL_NORRHAMN, north, "Kirurgmottagningen", Specialty.SURGERY);
    clinic(HOSPITAL_NORRHAMN, north, "Ortopedmottagningen", Specialty.ORTHOPAEDICS);
    clinic(HOSPITAL_NORRHAMN, north, "Barn- och ungdomsmottagningen", Specialty.PAEDIATRICS);
    clinic(HOSPITAL_NORRHAMN, north, "Barn- och ungdomspsykiatrin (BUP)", Specialty.CHILD_PSYCHIATRY);
    clinic(HOSPITAL_NORRHAMN, north, "Psykiatrimottagningen", Specialty.PSYCHIATRY);
    clinic(HOSPITAL_NORRHAMN, north, "Lungmottagningen", Specialty.PULMONOLOGY);
    clinic(HOSPITAL_NORRHAMN, north, "Kvinnomottagningen", Specialty.GYNAECOLOGY);
    clinic(HOSPITAL_NORRHAMN, north, "Geriatriska mottagningen", Specialty.GERIATRICS);
    clinic(HOSPITAL_EKEBY, ekeby, "Medicinmottagningen Ekeby", Specialty.MEDICINE);
    clinic(HOSPITAL_EKEBY, ekeby, "Ortopedmottagningen Ekeby", Specialty.ORTHOPAEDICS);
    primaryCare();
  }

  private void ward(String hospital, String municipality, String name, Specialty specialty, double weight, double bedsPerWeight,
      String renamedTo) {
    int beds = Math.max(2, (int) Math.round(weight * bedsPerWeight));
    String id = nextId(REGION_PROVIDER);
    String full = hospital + ", " + name;
    if (renamedTo == null) {
      units.add(new Unit(id, full, REGION_PROVIDER, UnitKind.INPATIENT, specialty, hospital, municipality, beds, since, null));
    } else {
      units.add(new Unit(id, full, REGION_PROVIDER, UnitKind.INPATIENT, specialty, hospital, municipality, beds, since, change));
      units.add(new Unit(id, hospital + ", " + renamedTo, REGION_PROVIDER, UnitKind.INPATIENT, specialty, hospital, municipality, beds,
          change, null));
    }
  }

  private void clinic(String hospital, String municipality, String name, Specialty specialty) {
    units.add(new Unit(nextId(REGION_PROVIDER), hospital + ", " + name, REGION_PROVIDER, UnitKind.OUTPATIENT, specialty, hospital,
        municipality, 0, since, null));
  }

  /** One centre per town, more in the largest town as the region grows; Tallmo's changes hands half-way. */
  private void primaryCare() {
    String[] quarters = {"Centrum", "Norra", "Södra", "Väster", "Öster", "Hamnen", "Parken", "Backen"};
    for (Municipality m : municipalities) {
      int count = m == municipalities.get(0) ? 2 + (int) Math.min(6, parameters.patients() / 30_000) : 1;
      for (int i = 0; i < count; i++) {
        String name = count == 1 ? "Vårdcentralen " + m.town() : "Vårdcentralen " + m.town() + " " + quarters[i];
        String provider = i == 1 ? PRIVATE_NORTH : REGION_PROVIDER;
        if (m.town().equals("Tallmo")) {
          units.add(new Unit(nextId(provider), name, provider, UnitKind.PRIMARY, Specialty.PRIMARY_CARE, null, m.code(), 0, since, change));
          units.add(new Unit(nextId(PRIVATE_SOUTH), "Tallmo hälsocentral", PRIVATE_SOUTH, UnitKind.PRIMARY, Specialty.PRIMARY_CARE, null,
              m.code(), 0, change, null));
        } else {
          units.add(new Unit(nextId(provider), name, provider, UnitKind.PRIMARY, Specialty.PRIMARY_CARE, null, m.code(), 0, since, null));
        }
      }
    }
  }

  private String nextId(String provider) {
    serial++;
    String organisation = provider.substring(0, provider.indexOf('-'));
    return organisation + "-" + Integer.toString(46_656 + serial * 1_297, 36).toUpperCase(java.util.Locale.ROOT);
  }

  /** Every unit period, in the order written to units.csv. */
  List<Unit> units() {
    return units;
  }

  /** Wards (one entry per HSA-id, the first period), for bed occupancy. */
  List<Unit> wards() {
    Map<String, Unit> byId = new LinkedHashMap<>();
    units.stream().filter(u -> u.kind() == UnitKind.INPATIENT).forEach(u -> byId.putIfAbsent(u.hsaId(), u));
    return List.copyOf(byId.values());
  }

  /** The hospital unit of a kind and specialty valid at a date, preferring the patient's nearest hospital. */
  Unit hospitalUnit(UnitKind kind, Specialty specialty, String homeMunicipality, LocalDate date) {
    Unit fallback = null;
    for (Unit u : units) {
      if (u.kind() == kind && u.specialty() == specialty && u.validAt(date)) {
        if (u.municipality().equals(homeMunicipality)) {
          return u;
        }
        if (fallback == null) {
          fallback = u;
        }
      }
    }
    if (fallback == null) {
      throw new IllegalStateException("No " + kind + " unit for " + specialty + " on " + date);
    }
    return fallback;
  }

  /** The primary care centre a patient is listed at on a date: one of the centres of the home town then. */
  Unit primaryCare(String homeMunicipality, long patientIndex, LocalDate date) {
    List<Unit> open = new ArrayList<>(4);
    for (Unit u : units) {
      if (u.kind() == UnitKind.PRIMARY && u.municipality().equals(homeMunicipality) && u.validAt(date)) {
        open.add(u);
      }
    }
    return open.get((int) (patientIndex % open.size()));
  }

  void writeMaster(Path dir) {
    try (CsvOut regions = new CsvOut(dir, "master/regions.csv", "tenant", "code", "name", "valid_from")) {
      regions.number(parameters.tenant()).text(parameters.regionCode()).text(parameters.regionName()).text(since.toString()).end();
    }
    try (CsvOut providers = new CsvOut(dir, "master/providers.csv", "hsa_id", "name", "tenant", "valid_from")) {
      providers.text(REGION_PROVIDER).text(parameters.regionName()).number(parameters.tenant()).text(since.toString()).end();
      providers.text(PRIVATE_NORTH).text("Vårdbolaget Norr AB").number(parameters.tenant()).text(since.toString()).end();
      providers.text(PRIVATE_SOUTH).text("Hälsocentralen Syd AB").number(parameters.tenant()).text(since.toString()).end();
    }
    try (CsvOut out = new CsvOut(dir, "master/units.csv", "hsa_id", "name", "provider_hsa_id", "kind", "valid_from", "valid_to")) {
      for (Unit u : units) {
        out.text(u.hsaId()).text(u.name()).text(u.providerHsaId()).text(u.kind().label).text(u.validFrom().toString())
            .text(u.validTo() == null ? "" : u.validTo().toString()).end();
      }
    }
  }
}
