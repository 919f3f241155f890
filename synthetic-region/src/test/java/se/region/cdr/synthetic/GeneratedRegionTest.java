package se.region.cdr.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.region.cdr.core.master.MasterData;
import se.region.cdr.core.master.MasterKind;

/** One region of 4,000 patients, checked for plausibility and internal consistency. */
class GeneratedRegionTest {
  private static final int PATIENTS = 4000;

  @TempDir
  static Path dir;

  static Manifest manifest;
  static Map<String, Map<String, String>> patients;
  static List<Map<String, String>> encounters;

  @BeforeAll
  static void generate() {
    manifest = RegionGenerator.generate(42, PATIENTS, dir);
    patients = new HashMap<>();
    read("patients.csv").forEach(p -> patients.put(p.get("patient_id"), p));
    encounters = read("encounters.csv");
  }

  @Test
  void manifestCountsAreTheFiles() {
    manifest.files().forEach((file, rows) -> assertEquals(rows.longValue(), read(file).size(), file));
    assertEquals(PATIENTS, patients.size(), "personal identity numbers are unique");
  }

  @Test
  void personalIdentityNumbers() {
    for (Map<String, String> p : patients.values()) {
      String id = p.get("patient_id");
      assertTrue(id.matches("[0-9]{12}") && PersonNumber.valid(id), id);
      assertEquals(PersonNumber.sex(id), p.get("sex"), id);
      assertEquals(p.get("birth_date").replace("-", ""), id.substring(0, 8), id);
      assertTrue(p.get("municipality_code").matches("99[0-9]{2}"), p.toString());
    }
  }

  @Test
  void sexAndAgeFollowThePyramid() {
    long men = patients.values().stream().filter(p -> p.get("sex").equals("M")).count();
    assertBetween("male share", men / (double) PATIENTS, 0.47, 0.53);
    LocalDate start = LocalDate.of(2020, 1, 1);
    Map<String, Long> bands = patients.values().stream().collect(Collectors.groupingBy(p -> {
      int age = Population.age(LocalDate.parse(p.get("birth_date")), start);
      return age < 18 ? "0-17" : age < 65 ? "18-64" : "65+";
    }, Collectors.counting()));
    // Sweden 2023: about 21 % under 18, 59 % 18-64, 20 % 65 and over.
    assertBetween("0-17", bands.get("0-17") / (double) PATIENTS, 0.18, 0.24);
    assertBetween("18-64", bands.get("18-64") / (double) PATIENTS, 0.55, 0.63);
    assertBetween("65+", bands.get("65+") / (double) PATIENTS, 0.17, 0.24);
    assertEquals(bands.get("0-17"), manifest.answer("patients_under_18_at_start"));
  }

  @Test
  void diabetesPrevalenceMetforminAndHba1c() {
    List<Map<String, String>> diagnoses = read("diagnoses.csv");
    Set<String> e11 = diagnoses.stream().filter(d -> d.get("icd10_code").startsWith("E11")).map(d -> d.get("patient_id")).collect(Collectors.toSet());
    assertEquals(manifest.answer("patients_with_E11"), e11.size());
    assertBetween("E11 prevalence", e11.size() / (double) PATIENTS, 0.035, 0.07);
    Set<String> metformin = read("medications.csv").stream().filter(m -> m.get("atc_code").equals("A10BA02"))
        .map(m -> m.get("patient_id")).collect(Collectors.toSet());
    long both = e11.stream().filter(metformin::contains).count();
    assertEquals(manifest.answer("patients_with_E11_and_metformin"), both);
    assertBetween("metformin among E11", both / (double) e11.size(), 0.75, 0.95);
    double[] diabetic = new double[2];
    double[] other = new double[2];
    for (Map<String, String> lab : read("labs.csv")) {
      if (lab.get("npu_code").equals("NPU27300")) {
        double[] sums = e11.contains(lab.get("patient_id")) ? diabetic : other;
        sums[0] += Double.parseDouble(lab.get("value"));
        sums[1]++;
      }
    }
    assertTrue(diabetic[0] / diabetic[1] > other[0] / other[1] + 10, "HbA1c is higher with E11");
  }

  @Test
  void ssriUnder18IsAKnownAnswer() {
    Set<String> young = new HashSet<>();
    for (Map<String, String> m : read("medications.csv")) {
      LocalDate born = LocalDate.parse(patients.get(m.get("patient_id")).get("birth_date"));
      if (m.get("atc_code").startsWith("N06AB") && Population.age(born, LocalDate.parse(m.get("start_date"))) < 18) {
        young.add(m.get("patient_id"));
      }
    }
    assertEquals(manifest.answer("patients_with_ssri_under_18"), young.size());
    assertTrue(young.size() > 0, "some children and adolescents get an SSRI");
  }

  @Test
  void everyEncounterIsAtAUnitValidThenOfItsKind() throws IOException {
    try (Reader in = Files.newBufferedReader(dir.resolve("master/units.csv"), StandardCharsets.UTF_8)) {
      assertEquals(manifest.rows("master/units.csv"), MasterData.check(MasterKind.UNITS, in, "units.csv"));
    }
    Map<String, List<Map<String, String>>> units = read("master/units.csv").stream()
        .collect(Collectors.groupingBy(u -> u.get("hsa_id")));
    Set<String> usedPeriods = new HashSet<>();
    for (Map<String, String> e : encounters) {
      List<Map<String, String>> periods = units.get(e.get("unit_hsa_id"));
      assertNotNull(periods, "unknown unit in " + e);
      LocalDate day = LocalDateTime.parse(e.get("start_time")).toLocalDate();
      Map<String, String> valid = periods.stream().filter(u -> !day.isBefore(LocalDate.parse(u.get("valid_from")))
          && (u.get("valid_to").isEmpty() || day.isBefore(LocalDate.parse(u.get("valid_to"))))).findFirst().orElse(null);
      if (valid == null) {
        fail("unit " + e.get("unit_hsa_id") + " is not valid on " + day + ": " + e);
      }
      assertEquals(valid.get("kind"), e.get("kind"), e.toString());
      usedPeriods.add(valid.get("hsa_id") + "@" + valid.get("valid_from"));
      assertTrue(LocalDateTime.parse(e.get("end_time")).isAfter(LocalDateTime.parse(e.get("start_time"))), e.toString());
    }
    assertTrue(usedPeriods.stream().filter(p -> p.startsWith(Organisation.REGION_PROVIDER.substring(0, 12))).count() > 20);
  }

  @Test
  void readmissionsWithin30Days() {
    Map<String, List<Map<String, String>>> stays = encounters.stream().filter(e -> e.get("kind").equals("inpatient"))
        .collect(Collectors.groupingBy(e -> e.get("patient_id")));
    int total = 0;
    int readmissions = 0;
    for (List<Map<String, String>> list : stays.values()) {
      LocalDateTime lastDischarge = null;
      for (Map<String, String> s : list) {
        LocalDateTime admitted = LocalDateTime.parse(s.get("start_time"));
        assertTrue(lastDischarge == null || admitted.isAfter(lastDischarge), "stays do not overlap: " + s);
        if (lastDischarge != null && !admitted.isAfter(lastDischarge.plusDays(30))) {
          readmissions++;
        }
        lastDischarge = LocalDateTime.parse(s.get("end_time"));
        total++;
      }
    }
    assertEquals(manifest.answer("inpatient_stays"), total);
    assertEquals(manifest.answer("readmissions_within_30_days"), readmissions);
    assertBetween("readmission share", readmissions / (double) total, 0.08, 0.25);
  }

  @Test
  void noRowRefersToAnUnknownPatientOrContact() {
    Set<String> contacts = encounters.stream().map(e -> e.get("contact_id")).collect(Collectors.toSet());
    assertEquals(encounters.size(), contacts.size(), "contact ids are unique");
    for (String file : List.of("encounters.csv", "diagnoses.csv", "medications.csv", "labs.csv", "vitals.csv", "procedures.csv",
        "referrals.csv", "costs.csv")) {
      for (Map<String, String> row : read(file)) {
        assertTrue(patients.containsKey(row.get("patient_id")), file + " " + row);
        String contact = row.get("contact_id");
        assertTrue(contact.isEmpty() ? file.equals("referrals.csv") : contacts.contains(contact), file + " " + row);
      }
    }
  }

  @Test
  void masterFilesLoadAsTheCdrReadsThem() throws IOException {
    List<Path> codes;
    try (Stream<Path> files = Files.list(dir.resolve("master"))) {
      codes = files.filter(f -> f.getFileName().toString().startsWith("codes_")).sorted().toList();
    }
    assertEquals(5, codes.size());
    Set<String> used = new HashSet<>();
    read("diagnoses.csv").forEach(d -> used.add("ICD-10-SE|" + d.get("icd10_code")));
    read("medications.csv").forEach(m -> used.add("ATC|" + m.get("atc_code")));
    read("labs.csv").forEach(l -> used.add("NPU|" + l.get("npu_code")));
    read("procedures.csv").forEach(p -> used.add("KVA|" + p.get("kva_code")));
    Set<String> listed = new HashSet<>();
    for (Path f : codes) {
      try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        assertTrue(MasterData.check(MasterKind.CODES, in, f.getFileName().toString()) > 0);
      }
      Csv.read(f).forEach(c -> listed.add(c.get("system") + "|" + c.get("code")));
    }
    List<String> missing = new ArrayList<>(used);
    missing.removeAll(listed);
    assertTrue(missing.isEmpty(), "codes used but not in the code lists: " + missing);
    for (MasterKind kind : List.of(MasterKind.REGIONS, MasterKind.PROVIDERS)) {
      try (Reader in = Files.newBufferedReader(dir.resolve("master/" + kind.label() + ".csv"), StandardCharsets.UTF_8)) {
        assertTrue(MasterData.check(kind, in, kind.label()) > 0);
      }
    }
  }

  @Test
  void vitalSignsArePlausibleByAge() {
    for (Map<String, String> v : read("vitals.csv")) {
      LocalDate born = LocalDate.parse(patients.get(v.get("patient_id")).get("birth_date"));
      int age = Population.age(born, LocalDateTime.parse(v.get("measured_at")).toLocalDate());
      double height = Double.parseDouble(v.get("height_cm"));
      double weight = Double.parseDouble(v.get("weight_kg"));
      assertTrue(height >= 40 && height <= 210, v.toString());
      assertTrue(weight >= 2 && weight <= 250, v.toString());
      if (age >= 18) {
        assertTrue(height >= 140, v.toString());
        int systolic = Integer.parseInt(v.get("systolic"));
        assertTrue(systolic > Integer.parseInt(v.get("diastolic")), v.toString());
      }
      if (age < 3) {
        assertTrue(v.get("systolic").isEmpty(), "no blood pressure under 3: " + v);
      }
    }
    assertFalse(read("bed_occupancy.csv").isEmpty());
  }

  private static final Map<String, List<Map<String, String>>> FILES = new HashMap<>();

  private static synchronized List<Map<String, String>> read(String file) {
    return FILES.computeIfAbsent(file, f -> Csv.read(dir.resolve(f)));
  }

  private static void assertBetween(String what, double value, double low, double high) {
    assertTrue(value >= low && value <= high, what + " = " + value + ", expected " + low + ".." + high);
  }
}
