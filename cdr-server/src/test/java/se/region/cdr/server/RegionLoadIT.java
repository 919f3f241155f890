package se.region.cdr.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.region.cdr.loader.LoadOptions;
import se.region.cdr.loader.LoadReport;
import se.region.cdr.loader.LoaderSettings;
import se.region.cdr.loader.MappingCatalog;
import se.region.cdr.loader.ProgressListener;
import se.region.cdr.loader.mapping.Mapping;
import se.region.cdr.loader.transform.Pseudonymizer;
import se.region.cdr.synthetic.Manifest;
import se.region.cdr.synthetic.RegionGenerator;

/**
 * The synthetic region end to end: generate a small region (fixed seed), load its master data over
 * REST, load every clinical file with its shipped region mapping, then reproduce the manifest's
 * known answers by AQL; unknown care units and codes end in quarantine; a reload changes nothing;
 * no personal identity number is stored anywhere.
 *
 * <p>Seed 22 with 40 patients over 2 years is small enough to load in well under a minute at
 * today's loader speed and still has E11, metformin, an SSRI order under 18 and readmissions. Bed
 * occupancy is loaded for the first 7 days only (the full file has a row per ward and day: 7,310
 * rows here).
 */
class RegionLoadIT {
  private static final long SEED = 22;
  private static final int PATIENTS = 40;
  private static final LocalDate START = LocalDate.of(2020, 1, 1);
  private static final LocalDate BED_DAYS_UNTIL = START.plusDays(7);
  /** Load order: contacts first (the other files look up their contact), costs last. */
  private static final Map<String, String> FILES = new LinkedHashMap<>();
  private static final String PROVENANCE = "c/context/other_context[at0001]/items[openEHR-EHR-CLUSTER.cdr_provenance.v0]";
  private static final Pseudonymizer PSEUDONYMS = new Pseudonymizer(LoaderSettings.TEST_KEY);

  static {
    FILES.put("encounters.csv", "region-encounters.yaml");
    FILES.put("diagnoses.csv", "region-diagnoses.yaml");
    FILES.put("medications.csv", "region-medications.yaml");
    FILES.put("labs.csv", "region-labs.yaml");
    FILES.put("vitals.csv", "region-vitals.yaml");
    FILES.put("procedures.csv", "region-procedures.yaml");
    FILES.put("referrals.csv", "region-referrals.yaml");
    FILES.put("costs.csv", "region-costs.yaml");
    FILES.put("bed_occupancy.csv", "region-bed-occupancy.yaml");
  }

  /** Its own CDR: the region's code lists (from 2020) must not meet those other ITs load into the shared one. */
  private static TestServer server;
  private static Path region;
  private static Manifest manifest;
  private static final Map<String, LoadReport> FIRST_LOADS = new LinkedHashMap<>();

  @BeforeAll
  static void generateAndLoad() throws Exception {
    System.setProperty("cdr.pseudonym.key", LoaderSettings.TEST_KEY);
    server = TestServer.isolated();
    region = Files.createTempDirectory("region-load-it-");
    manifest = RegionGenerator.generate(SEED, PATIENTS, 2, START, region);
    keepBedDaysBefore(region.resolve("bed_occupancy.csv"), BED_DAYS_UNTIL);
    loadMasterData(region.resolve("master"));
    for (Map.Entry<String, String> f : FILES.entrySet()) {
      FIRST_LOADS.put(f.getKey(), load(f.getValue(), region.resolve(f.getKey())));
    }
  }

  @Test
  void everyRowOfEveryFileIsAcceptedOrAlreadyStored() throws Exception {
    for (Map.Entry<String, LoadReport> e : FIRST_LOADS.entrySet()) {
      LoadReport r = e.getValue();
      long rows = dataRows(region.resolve(e.getKey()));
      if (e.getKey().equals("bed_occupancy.csv")) {
        assertTrue(rows >= 7 && rows < manifest.rows("bed_occupancy.csv"), "bed occupancy cut to a week: " + rows);
      } else {
        assertEquals(manifest.rows(e.getKey()), rows, e.getKey());
      }
      assertEquals(rows, r.read(), r.toText());
      assertEquals(0, r.rejected(), r.toText());
      assertEquals(0, r.skipped(), r.toText());
      // a database reused across runs (CDR_TEST_DB_URL) already holds them: unchanged then
      assertEquals(rows, r.accepted() + r.unchanged(), r.toText());
    }
  }

  @Test
  void manifestKnownAnswersAreReproducedByAql() throws Exception {
    Map<String, Long> known = manifest.answers();
    assertEquals(known.get("patients_with_E11"), count("SELECT COUNT(DISTINCT e/ehr_id/value) FROM EHR e CONTAINS COMPOSITION c"
        + " CONTAINS EVALUATION d[openEHR-EHR-EVALUATION.problem_diagnosis.v1]"
        + " WHERE d/data[at0001]/items[at0002]/value/defining_code/code_string LIKE 'E11*' AND " + fromRegion()));
    Set<String> metformin = ehrs("SELECT DISTINCT e/ehr_id/value FROM EHR e CONTAINS COMPOSITION c CONTAINS INSTRUCTION m[openEHR-EHR-INSTRUCTION.medication_order.v3]"
        + " WHERE m/activities[at0001]/description[at0002]/items[at0070]/value/defining_code/code_string = 'A10BA02' AND " + fromRegion());
    assertEquals(known.get("patients_with_metformin"), metformin.size());
    Set<String> e11 = ehrs("SELECT DISTINCT e/ehr_id/value FROM EHR e CONTAINS COMPOSITION c CONTAINS EVALUATION d[openEHR-EHR-EVALUATION.problem_diagnosis.v1]"
        + " WHERE d/data[at0001]/items[at0002]/value/defining_code/code_string LIKE 'E11*' AND " + fromRegion());
    e11.retainAll(metformin);
    assertEquals(known.get("patients_with_E11_and_metformin"), e11.size());
    assertEquals(known.get("patients_with_I10"), count("SELECT COUNT(DISTINCT e/ehr_id/value) FROM EHR e CONTAINS COMPOSITION c"
        + " CONTAINS EVALUATION d[openEHR-EHR-EVALUATION.problem_diagnosis.v1]"
        + " WHERE d/data[at0001]/items[at0002]/value/defining_code/code_string LIKE 'I10*' AND " + fromRegion()));

    // SSRI orders; "under 18" needs the birth date, which the CDR does not hold (it is pseudonymous):
    // joined here through the pseudonym, as an extraction with a demographics registry would
    JsonNode ssri = aql("SELECT e/ehr_id/value, m/activities[at0001]/description[at0002]/items[at0113]/items[at0012]/value/value"
        + " FROM EHR e CONTAINS COMPOSITION c CONTAINS INSTRUCTION m[openEHR-EHR-INSTRUCTION.medication_order.v3]"
        + " WHERE m/activities[at0001]/description[at0002]/items[at0070]/value/defining_code/code_string LIKE 'N06AB*' AND " + fromRegion());
    Set<String> ssriPatients = new HashSet<>();
    Set<String> ssriUnder18 = new HashSet<>();
    Map<String, LocalDate> birthByEhr = birthDatesByEhr();
    for (JsonNode row : ssri) {
      String ehr = row.get(0).asText();
      ssriPatients.add(ehr);
      LocalDate started = OffsetDateTime.parse(row.get(1).asText()).toLocalDate();
      if (started.isBefore(birthByEhr.get(ehr).plusYears(18))) {
        ssriUnder18.add(ehr);
      }
    }
    assertEquals(known.get("patients_with_ssri"), ssriPatients.size());
    assertEquals(known.get("patients_with_ssri_under_18"), ssriUnder18.size());

    assertEquals(known.get("patients_with_hba1c_over_48"), count("SELECT COUNT(DISTINCT e/ehr_id/value) FROM EHR e CONTAINS COMPOSITION c"
        + " CONTAINS CLUSTER a[openEHR-EHR-CLUSTER.laboratory_test_analyte.v1]"
        + " WHERE a/items[at0024]/value/defining_code/code_string = 'NPU27300' AND a/items[at0001]/value/magnitude > 48 AND " + fromRegion("Exempelland lab")));

    // stays and readmissions (a stay starting at most 30 days after the patient's previous discharge)
    JsonNode stays = aql("SELECT e/ehr_id/value, a/data[at0001]/items[at0071]/value/value, d/data[at0001]/items[at0011]/value/value"
        + " FROM EHR e CONTAINS COMPOSITION c CONTAINS (ADMIN_ENTRY a[openEHR-EHR-ADMIN_ENTRY.admission.v0] AND ADMIN_ENTRY d[openEHR-EHR-ADMIN_ENTRY.discharge_summary.v0])"
        + " WHERE a/data[at0001]/items[at0002]/value/defining_code/code_string = 'I' AND " + fromRegion("Exempelland PAS"));
    assertEquals(known.get("inpatient_stays"), stays.size());
    assertEquals(known.get("readmissions_within_30_days"), readmissions(stays));

    // every contact has its cost, and the patients with a contact are the manifest's patients
    assertEquals(manifest.rows("encounters.csv"), count("SELECT COUNT(c) FROM EHR e CONTAINS COMPOSITION c"
        + " WHERE c/archetype_details/template_id/value = 'CDR - Contact cost.v1' AND " + fromRegion("Exempelland KPP")));
    assertEquals(known.get("patients"), count("SELECT COUNT(DISTINCT e/ehr_id/value) FROM EHR e CONTAINS COMPOSITION c"
        + " WHERE c/archetype_details/template_id/value = 'CDR - Care contact.v1' AND " + fromRegion("Exempelland PAS")));
  }

  @Test
  void careProviderAndCodeDisplaysComeFromMasterData() {
    JsonNode rows = aql("SELECT " + PROVENANCE + "/items[at0002]/value/id, " + PROVENANCE + "/items[at0003]/value/id,"
        + " d/data[at0001]/items[at0002]/value/value FROM EHR e CONTAINS COMPOSITION c CONTAINS EVALUATION d[openEHR-EHR-EVALUATION.problem_diagnosis.v1]"
        + " WHERE d/data[at0001]/items[at0002]/value/defining_code/code_string = 'Z00.0' AND " + fromRegion());
    assertTrue(rows.size() > 0, "a health check diagnosis");
    for (JsonNode row : rows) {
      String provider = row.get(0).asText();
      assertTrue(provider.equals("SE2321000099-0001") || provider.startsWith("SE5565"), row.toString());
      assertTrue(!row.get(2).asText().equals("Z00.0"), "display text, not the code: " + row);
    }
  }

  @Test
  void bedOccupancyIsInTheWardsOwnEhr() throws Exception {
    String ward = "SE2321000099-1202";
    HttpResponse<String> r = Api.get(server.api() + "/ehr?subject_id=" + ward + "&subject_namespace=se.hsa.unit");
    assertEquals(200, r.statusCode(), r.body());
    String ehr = Api.json(r).path("ehr_id").path("value").asText();
    JsonNode rows = aql("SELECT b/data[at0001]/items[at0003]/value/magnitude FROM EHR e[ehr_id/value='" + ehr + "'] CONTAINS COMPOSITION c"
        + " CONTAINS ADMIN_ENTRY b[openEHR-EHR-ADMIN_ENTRY.cdr_bed_occupancy.v0]");
    long days = Files.readAllLines(region.resolve("bed_occupancy.csv")).stream().filter(l -> l.startsWith(ward + ",")).count();
    assertEquals(days, rows.size());
  }

  @Test
  void unknownCareUnitsAndCodesAreQuarantinedWithTheirReason() throws Exception {
    Path bad = Files.createTempDirectory("region-load-it-bad-");
    List<String> patients = Files.readAllLines(region.resolve("patients.csv"));
    String pnr = patients.get(1).split(",")[0];
    String encounters = Files.readString(region.resolve("encounters.csv"))
        + "K90001," + pnr + ",SE2321000099-9999,primary,2020-03-02T10:00,2020-03-02T10:30\n" // no such unit
        + "K90002," + pnr + ",SE2321000099-1V0V,primary,2021-06-01T10:00,2021-06-01T10:30\n"; // Tallmo, closed at the end of 2020
    Files.writeString(bad.resolve("encounters.csv"), encounters, StandardCharsets.UTF_8);
    String firstContact = Files.readAllLines(region.resolve("encounters.csv")).get(1);
    String[] contact = firstContact.split(",");
    String diagnoses = Files.readString(region.resolve("diagnoses.csv"))
        + contact[0] + "," + contact[1] + ",Q99.8,secondary," + contact[4].substring(0, 10) + "\n"; // not in the ICD-10-SE list
    Files.writeString(bad.resolve("diagnoses.csv"), diagnoses, StandardCharsets.UTF_8);

    LoadReport units = load("region-encounters.yaml", bad.resolve("encounters.csv"));
    assertEquals(manifest.rows("encounters.csv"), units.unchanged(), units.toText());
    assertEquals(0, units.accepted() + units.updated(), units.toText());
    assertEquals(Map.of("unknown_care_unit", 2L), units.rejectedByReason(), units.toText());
    assertEquals(2, sqlCount("select count(*) from quarantine where load_run = ? and reason_code = 'unknown_care_unit' and path = ?",
        units.runId(), "care_contact/context/cdr_provenance/care_unit_hsa-id"));
    assertTrue(units.samples().stream().anyMatch(s -> s.reason().contains("not valid on 2021-06-01")), units.toText());

    LoadReport codes = load("region-diagnoses.yaml", bad.resolve("diagnoses.csv"));
    assertEquals(manifest.rows("diagnoses.csv"), codes.unchanged(), codes.toText());
    assertEquals(Map.of("unknown_code", 1L), codes.rejectedByReason(), codes.toText());
    assertEquals(1, sqlCount("select count(*) from quarantine where load_run = ? and reason_code = 'unknown_code' and path = ?",
        codes.runId(), "diagnosis/secondary_diagnosis:0/problem_diagnosis_name"));
    assertNoIdentityStored(List.of(pnr));
  }

  @Test
  void reloadingAFileChangesNothing() throws Exception {
    long compositions = sqlCount("select count(*) from source_record where source_system like 'exempelland-%'");
    long versions = sqlCount("select coalesce(sum(c.version), 0) from composition c join source_record s on s.composition = c.id"
        + " where s.source_system like 'exempelland-%'");
    for (String file : List.of("encounters.csv", "diagnoses.csv", "labs.csv")) {
      LoadReport again = load(FILES.get(file), region.resolve(file));
      assertEquals(dataRows(region.resolve(file)), again.unchanged(), again.toText());
      assertEquals(0, again.accepted() + again.updated() + again.rejected(), again.toText());
    }
    assertEquals(compositions, sqlCount("select count(*) from source_record where source_system like 'exempelland-%'"));
    assertEquals(versions, sqlCount("select coalesce(sum(c.version), 0) from composition c join source_record s on s.composition = c.id"
        + " where s.source_system like 'exempelland-%'"));
  }

  @Test
  void overHttpAZipCarriesTheLookupFiles() throws Exception {
    String url = server.baseUrl() + "/cdr/v1/load?mapping=region-diagnoses&batch=200";
    HttpResponse<String> plain = Api.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(region.resolve("diagnoses.csv"))));
    assertEquals(400, plain.statusCode(), plain.body());
    assertTrue(plain.body().contains("encounters.csv"), "names the lookup file it lacks: " + plain.body());

    HttpResponse<String> withoutLookup = postZip(url + "&input=diagnoses.csv", "diagnoses.csv");
    assertEquals(400, withoutLookup.statusCode(), withoutLookup.body());
    assertTrue(withoutLookup.body().contains("encounters.csv"), withoutLookup.body());
    HttpResponse<String> unnamed = postZip(url, "diagnoses.csv", "encounters.csv");
    assertEquals(400, unnamed.statusCode(), unnamed.body());
    assertTrue(unnamed.body().contains("?input="), unnamed.body());

    HttpResponse<String> r = postZip(url + "&input=diagnoses.csv", "diagnoses.csv", "encounters.csv");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode report = Api.json(r);
    long rows = dataRows(region.resolve("diagnoses.csv"));
    assertEquals(rows, report.path("read").asLong(), r.body());
    assertEquals(rows, report.path("unchanged").asLong(), "loaded before through the Java API, so unchanged: " + r.body());
  }

  /** POSTs a ZIP of region files (by their names) to the loader. */
  private static HttpResponse<String> postZip(String url, String... files) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
      for (String file : files) {
        zip.putNextEntry(new java.util.zip.ZipEntry("export/" + file));
        Files.copy(region.resolve(file), zip);
        zip.closeEntry();
      }
    }
    return Api.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/zip")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())));
  }

  @Test
  void noPersonalIdentityNumberIsStored() throws Exception {
    List<String> pnrs = new ArrayList<>();
    for (String line : Files.readAllLines(region.resolve("patients.csv")).subList(1, PATIENTS + 1)) {
      pnrs.add(line.split(",")[0]);
    }
    assertNoIdentityStored(pnrs);
  }

  // --- helpers

  private static String fromRegion() {
    return fromRegion("Exempelland journal");
  }

  /** Scopes a query to the compositions of one of the region's source systems. */
  private static String fromRegion(String sourceSystem) {
    return PROVENANCE + "/items[at0001]/value/id = '" + sourceSystem + "'";
  }

  private static void loadMasterData(Path master) throws IOException {
    List<Path> files = new ArrayList<>(List.of(master.resolve("regions.csv"), master.resolve("providers.csv"), master.resolve("units.csv")));
    try (var codes = Files.list(master)) {
      codes.filter(p -> p.getFileName().toString().startsWith("codes_")).sorted().forEach(files::add);
    }
    for (Path f : files) {
      String kind = f.getFileName().toString().startsWith("codes_") ? "codes" : f.getFileName().toString().replace(".csv", "");
      HttpResponse<String> r = Api.put(server.baseUrl() + "/cdr/v1/master/" + kind, Files.readString(f), "text/csv");
      assertEquals(200, r.statusCode(), f + ": " + r.body());
    }
  }

  private static LoadReport load(String mappingFile, Path input) {
    Cdr cdr = server.cdr();
    Mapping mapping = cdr.loader().parseAndCheck(MappingCatalog.shipped(mappingFile));
    return cdr.loader().load(mapping, input, LoadOptions.defaults(input.getFileName().toString()).withBatchSize(200), ProgressListener.NONE);
  }

  private static void keepBedDaysBefore(Path file, LocalDate until) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<String> kept = new ArrayList<>(List.of(lines.get(0)));
    for (String line : lines.subList(1, lines.size())) {
      if (LocalDate.parse(line.split(",")[1]).isBefore(until)) {
        kept.add(line);
      }
    }
    Files.write(file, kept, StandardCharsets.UTF_8);
  }

  private static long dataRows(Path csv) throws IOException {
    return Files.readAllLines(csv).size() - 1;
  }

  /** EHR id -> birth date, through the pseudonym of each patient's personal identity number. */
  private static Map<String, LocalDate> birthDatesByEhr() throws IOException {
    Map<String, LocalDate> out = new HashMap<>();
    for (String line : Files.readAllLines(region.resolve("patients.csv")).subList(1, PATIENTS + 1)) {
      String[] f = line.split(",");
      HttpResponse<String> r = Api.get(server.api() + "/ehr?subject_id=" + PSEUDONYMS.pseudonym(f[0]) + "&subject_namespace=se.region.pseudonym");
      if (r.statusCode() == 200) {
        out.put(Api.json(r).path("ehr_id").path("value").asText(), LocalDate.parse(f[1]));
      }
    }
    return out;
  }

  private static long readmissions(JsonNode stays) {
    Map<String, List<LocalDateTime[]>> byEhr = new HashMap<>();
    for (JsonNode row : stays) {
      byEhr.computeIfAbsent(row.get(0).asText(), k -> new ArrayList<>()).add(new LocalDateTime[] {
          OffsetDateTime.parse(row.get(1).asText()).toLocalDateTime(), OffsetDateTime.parse(row.get(2).asText()).toLocalDateTime()});
    }
    long n = 0;
    for (List<LocalDateTime[]> list : byEhr.values()) {
      list.sort(Comparator.comparing(s -> s[0]));
      for (int i = 1; i < list.size(); i++) {
        if (!list.get(i)[0].isAfter(list.get(i - 1)[1].plusDays(30))) {
          n++;
        }
      }
    }
    return n;
  }

  private static JsonNode aql(String q) {
    return Api.aqlRows(server.api(), q);
  }

  private static long count(String aql) {
    return aql(aql).get(0).get(0).asLong();
  }

  private static Set<String> ehrs(String aql) {
    Set<String> out = new HashSet<>();
    aql(aql).forEach(row -> out.add(row.get(0).asText()));
    return out;
  }

  private static long sqlCount(String sql, Object... params) throws Exception {
    return server.sqlCount(sql, params);
  }

  /** No table holds any of the numbers (12 digits, or with the hyphen some systems write). */
  private static void assertNoIdentityStored(List<String> pnrs) throws Exception {
    List<String> patterns = new ArrayList<>();
    for (String p : pnrs) {
      patterns.add("%" + p + "%");
      patterns.add("%" + p.substring(0, 8) + "-" + p.substring(8) + "%");
    }
    try (Connection c = server.cdr().database().connection()) {
      for (String table : List.of("source_record", "quarantine", "load_run", "comp_node", "comp_node_hist", "ehr", "ehr_status_version", "contribution",
          "composition", "load_mapping")) {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from " + table + " t where t::text like any (?)")) {
          ps.setArray(1, c.createArrayOf("text", patterns.toArray()));
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertEquals(0, rs.getLong(1), table + " holds a personal identity number");
          }
        }
      }
    }
  }
}
