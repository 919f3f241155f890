package se.region.cdr.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.region.cdr.loader.LoadOptions;
import se.region.cdr.loader.LoadReport;
import se.region.cdr.loader.LoaderSettings;
import se.region.cdr.loader.MappingCatalog;
import se.region.cdr.loader.ProgressListener;
import se.region.cdr.loader.mapping.Mapping;
import se.region.cdr.loader.transform.Pseudonymizer;

/**
 * The bulk loader end to end against the real embedded PostgreSQL: CSV load, reload (unchanged),
 * a changed record (new version), quarantine with reasons, no identity anywhere in the database,
 * a FHIR bundle, REST entry points, and a loader process killed mid-run and restarted.
 */
class LoaderIT {
  private static final String HEADER =
      "record_id;personnummer;measured_at;systolic;diastolic;bp_unit;position;pulse;temperature;weight;weight_unit;care_provider_hsa;care_unit_hsa\n";
  private static final String PROVIDER = "SE2321000016-A12B";
  private static final String UNIT = "SE2321000016-15CQ";
  private static final Pseudonymizer PSEUDONYMS = new Pseudonymizer(LoaderSettings.TEST_KEY);

  @BeforeAll
  static void testKey() {
    System.setProperty("cdr.pseudonym.key", LoaderSettings.TEST_KEY); // the documented test default
    // Once any care unit is in master data (other ITs share the database) the loader rejects unknown
    // units, so this test's provider and unit are registered (reloading them changes nothing).
    putMaster("regions", "tenant,code,name,valid_from\n32,32,Region Loadertest,2000-01-01\n");
    putMaster("providers", "hsa_id,name,tenant,valid_from\n" + PROVIDER + ",Loadertestets vårdgivare,32,2000-01-01\n");
    putMaster("units", "hsa_id,name,provider_hsa_id,kind,valid_from\n" + UNIT + ",Vårdcentralen Exempelby," + PROVIDER + ",primary,2000-01-01\n");
  }

  private static void putMaster(String kind, String csv) {
    HttpResponse<String> r = Api.put(TestServer.get().baseUrl() + "/cdr/v1/master/" + kind, csv, "text/csv");
    assertEquals(200, r.statusCode(), r.body());
  }

  private static Cdr cdr() {
    return TestServer.get().cdr();
  }

  /** A Swedish-looking personal identity number unique to this test run (century, date, 4 digits). */
  private static String pnr(int base, int i) {
    return String.format(Locale.ROOT, "19%02d%02d%02d-%04d", 40 + (base % 50), 1 + (i % 12), 1 + (i % 28), (base * 37 + i) % 10000);
  }

  private static String goodRow(String key, String pnr, int i) {
    return String.join(";", key, pnr, String.format(Locale.ROOT, "2025-%02d-%02d 08:%02d", 1 + i % 12, 1 + i % 28, i % 60),
        Integer.toString(110 + i % 40), Integer.toString(70 + i % 20), "mm[Hg]", i % 2 == 0 ? "SITT" : "LIGG", Integer.toString(60 + i % 30),
        (36 + i % 3) + ",5", "", "", PROVIDER, UNIT) + "\n";
  }

  private static Path write(String name, String content) throws Exception {
    Path dir = Files.createTempDirectory("loader-it-");
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private static LoadReport load(String mappingFile, Path input) {
    Mapping mapping = cdr().loader().parseAndCheck(MappingCatalog.shipped(mappingFile));
    return cdr().loader().load(mapping, input, LoadOptions.defaults(input.getFileName().toString()).withBatchSize(7), ProgressListener.NONE);
  }

  private static long count(String sql, Object... params) throws Exception {
    return TestServer.get().sqlCount(sql, params);
  }

  private static String sqlText(String sql, Object... params) throws Exception {
    try (Connection c = cdr().database().connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), sql);
        return rs.getString(1);
      }
    }
  }

  private static String ehrOf(String pnr) {
    HttpResponse<String> r = Api.get("/ehr?subject_id=" + PSEUDONYMS.pseudonym(pnr) + "&subject_namespace=se.region.pseudonym");
    assertEquals(200, r.statusCode(), r.body());
    return Api.json(r).path("ehr_id").path("value").asText();
  }

  private static JsonNode aql(String q) {
    HttpResponse<String> r = Api.post("/query/aql", Api.JSON.createObjectNode().put("q", q).toString(), "application/json");
    assertEquals(200, r.statusCode(), r.body());
    return Api.json(r).path("rows");
  }

  @Test
  void csvLoadIsValidatedIdempotentVersionedAndQuarantinesBadRows() throws Exception {
    int base = (int) (Math.random() * 1000);
    String prefix = "IT-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    List<String> pnrs = List.of(pnr(base, 1), pnr(base, 2), pnr(base, 3));
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < 12; i++) {
      csv.append(goodRow(prefix + i, pnrs.get(i % 3), i));
    }
    String pnr0 = pnrs.get(0);
    csv.append(String.join(";", prefix + "bad-code", pnr0, "2025-03-14 09:35", "120", "80", "mm[Hg]", "KNÄ", "", "", "", "", PROVIDER, UNIT)).append('\n');
    csv.append(String.join(";", prefix + "bad-date", pnr0, "14/03/2025 09:35", "120", "80", "mm[Hg]", "SITT", "", "", "", "", PROVIDER, UNIT)).append('\n');
    csv.append(String.join(";", prefix + "bad-range", pnr0, "2025-03-14 09:35", "1500", "80", "mm[Hg]", "SITT", "", "", "", "", PROVIDER, UNIT)).append('\n');
    csv.append(String.join(";", prefix + "bad-missing", pnr0, "2025-03-14 09:35", "120", "", "mm[Hg]", "SITT", "", "", "", "", PROVIDER, UNIT)).append('\n');
    csv.append(String.join(";", prefix + "kpa", pnr0, "2025-03-14 09:40", "16,0", "10,7", "kPa", "SITT", "", "", "", "", PROVIDER, UNIT)).append('\n');
    Path input = write("vitals.csv", csv.toString());

    LoadReport first = load("vital-signs-csv.yaml", input);
    assertEquals(17, first.read(), first.toText());
    assertEquals(13, first.accepted(), first.toText());
    assertEquals(4, first.rejected(), first.toText());
    assertEquals(0, first.updated() + first.unchanged() + first.skipped(), first.toText());
    assertEquals(1L, first.rejectedByReason().get("unknown_code"), first.toText());
    assertEquals(1L, first.rejectedByReason().get("bad_date"), first.toText());
    assertEquals(1L, first.rejectedByReason().get("template_validation"), first.toText());
    assertEquals(1L, first.rejectedByReason().get("missing_required"), first.toText());
    LoadReport.Sample range = first.samples().stream().filter(s -> s.reasonCode().equals("template_validation")).findFirst().orElseThrow();
    assertTrue(range.path().contains("at0004") && range.reason().contains("1500"), range.toString());
    assertEquals(16, range.line(), "line of the out-of-range row (header is line 1)");
    LoadReport.Sample missing = first.samples().stream().filter(s -> s.reasonCode().equals("missing_required")).findFirst().orElseThrow();
    assertEquals("vital_signs/blood_pressure:0/any_event:0/diastolic", missing.path());
    assertEquals(4, count("select count(*) from quarantine where load_run = ? and path is not null and reason <> ''", first.runId()));

    // stored and queryable: 4 + the kPa row for the first subject, converted to mm[Hg]
    String ehr0 = ehrOf(pnr0);
    JsonNode rows = aql("SELECT o/data[at0001]/events[at0006]/data[at0003]/items[at0004]/value/magnitude FROM EHR e[ehr_id/value='" + ehr0
        + "'] CONTAINS COMPOSITION c[openEHR-EHR-COMPOSITION.encounter.v1] CONTAINS OBSERVATION o[openEHR-EHR-OBSERVATION.blood_pressure.v2]");
    assertEquals(5, rows.size(), rows.toString());
    List<Integer> systolics = new ArrayList<>();
    rows.forEach(r -> systolics.add(r.get(0).intValue()));
    assertTrue(systolics.contains(120), systolics.toString()); // 16.0 kPa
    JsonNode unitRows = aql("SELECT c/context/other_context[at0001]/items[openEHR-EHR-CLUSTER.cdr_provenance.v0]/items[at0003]/value/id FROM EHR e[ehr_id/value='"
        + ehr0 + "'] CONTAINS COMPOSITION c");
    assertEquals(UNIT, unitRows.get(0).get(0).asText());

    // one contribution per EHR and batch (batch size 7: 3 + 3 + 1 EHRs), holding all its first versions there
    String versionsOfLoad = "from composition_version v join composition c on c.id = v.composition join source_record s on s.composition = c.id"
        + " join contribution k on k.id = v.contribution where s.record_key like ?";
    assertEquals(7, count("select count(distinct v.contribution) " + versionsOfLoad, prefix + "%"));
    assertEquals(0, count("select count(*) " + versionsOfLoad + " and k.ehr <> c.ehr", prefix + "%"));
    String firstContribution = sqlText("select k.uid::text " + versionsOfLoad + " and s.record_key = ?", prefix + "%", prefix + 0);
    JsonNode contribution = Api.json(Api.get("/ehr/" + ehr0 + "/contribution/" + firstContribution));
    assertEquals(3, contribution.path("versions").size(), contribution.toString()); // rows 0, 3 and 6 of the first batch
    assertEquals("creation", contribution.path("audit").path("change_type").path("value").asText(), contribution.toString());

    // the same file again: nothing new
    LoadReport again = load("vital-signs-csv.yaml", input);
    assertEquals(0, again.accepted(), again.toText());
    assertEquals(13, again.unchanged(), again.toText());
    assertEquals(4, again.rejected(), again.toText());

    // one record changed: one new version of the same composition
    String changed = csv.toString().replace(goodRow(prefix + 3, pnrs.get(0), 3), goodRow(prefix + 3, pnrs.get(0), 3).replace(";SITT;", ";LIGG;").replace(";113;", ";150;"));
    LoadReport third = load("vital-signs-csv.yaml", write("vitals-changed.csv", changed));
    assertEquals(1, third.updated(), third.toText());
    assertEquals(12, third.unchanged(), third.toText());
    assertEquals(0, third.accepted(), third.toText());
    assertEquals(2, count("select c.version from composition c join source_record s on s.composition = c.id where s.record_key = ?", prefix + 3));
    assertEquals(13, count("select count(*) from source_record where record_key like ?", prefix + "%"));

    // no personal identity number anywhere (with or without hyphen)
    for (String p : pnrs) {
      assertNoIdentity(p);
    }
  }

  private static void assertNoIdentity(String pnr) throws Exception {
    for (String table : List.of("source_record", "quarantine", "load_run", "comp_node", "comp_node_hist", "ehr", "ehr_status_version", "contribution",
        "composition", "load_mapping")) {
      for (String form : List.of(pnr, pnr.replace("-", ""))) {
        assertEquals(0, count("select count(*) from " + table + " t where t::text like ?", "%" + form + "%"), table + " holds " + form);
      }
    }
  }

  @Test
  void fhirBundleVitalSignsBecomeCompositionsOfThePatientsEhr() throws Exception {
    Path bundle = Path.of(LoaderIT.class.getResource("/loader/synthea-bundle.json").toURI());
    LoadReport report = load("vital-signs-fhir.yaml", bundle);
    if (report.unchanged() == 0) {
      assertEquals(7, report.read(), report.toText());
      assertEquals(5, report.accepted(), report.toText());
      assertEquals(1, report.skipped(), report.toText());
      assertEquals(1L, report.rejectedByReason().get("unknown_unit"), report.toText());
    }
    String ehr = ehrOf("19750302-9270");
    JsonNode temps = aql("SELECT o/data[at0002]/events[at0003]/data[at0001]/items[at0004]/value/magnitude FROM EHR e[ehr_id/value='" + ehr
        + "'] CONTAINS COMPOSITION c CONTAINS OBSERVATION o[openEHR-EHR-OBSERVATION.body_temperature.v2]");
    assertEquals(37.0, temps.get(0).get(0).doubleValue(), 1e-9); // 98.6 [degF]
    JsonNode bp = aql("SELECT o/data[at0001]/events[at0006]/data[at0003]/items[at0004]/value/magnitude, o/data[at0001]/events[at0006]/data[at0003]/items[at0005]/value/magnitude"
        + " FROM EHR e[ehr_id/value='" + ehr + "'] CONTAINS COMPOSITION c CONTAINS OBSERVATION o[openEHR-EHR-OBSERVATION.blood_pressure.v2]");
    assertEquals(131, bp.get(0).get(0).intValue());
    assertEquals(84, bp.get(0).get(1).intValue());
    assertNoIdentity("19750302-9270");
  }

  @Test
  void restLoadAnswersTheReportAndBadMappingsAre400() throws Exception {
    String prefix = "REST-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    String pnr = pnr((int) (Math.random() * 1000), 7);
    String csv = HEADER + goodRow(prefix + 1, pnr, 1) + goodRow(prefix + 2, pnr, 2);
    HttpResponse<String> r = Api.send(HttpRequest.newBuilder(java.net.URI.create(TestServer.get().baseUrl() + "/cdr/v1/load?mapping=vital-signs-csv"))
        .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(2, Api.json(r).path("accepted").asInt(), r.body());

    String bad = MappingCatalog.shipped("vital-signs-csv.yaml").replace("mapping: vital-signs-csv", "mapping: it-bad").replace("any_event:0/diastolic", "any_event:0/diastolik");
    HttpResponse<String> put = Api.send(HttpRequest.newBuilder(java.net.URI.create(TestServer.get().baseUrl() + "/cdr/v1/mapping/it-bad/1.0.0"))
        .header("Content-Type", "application/yaml").PUT(HttpRequest.BodyPublishers.ofString(bad)));
    assertEquals(400, put.statusCode(), put.body());
    assertTrue(put.body().contains("diastolik") && put.body().contains("rule 4"), put.body());
    String id = "it-" + UUID.randomUUID().toString().substring(0, 8);
    String good = MappingCatalog.shipped("vital-signs-csv.yaml").replace("mapping: vital-signs-csv", "mapping: " + id);
    HttpResponse<String> ok = Api.send(HttpRequest.newBuilder(java.net.URI.create(TestServer.get().baseUrl() + "/cdr/v1/mapping/" + id + "/1.0.0"))
        .header("Content-Type", "application/yaml").PUT(HttpRequest.BodyPublishers.ofString(good)));
    assertEquals(201, ok.statusCode(), ok.body());
    HttpResponse<String> unknown = Api.send(HttpRequest.newBuilder(java.net.URI.create(TestServer.get().baseUrl() + "/cdr/v1/load?mapping=nope"))
        .POST(HttpRequest.BodyPublishers.ofString(csv)));
    assertEquals(404, unknown.statusCode(), unknown.body());
  }

  @Test
  void aLoaderKilledMidRunResumesAndEndsWithExactlyTheInput() throws Exception {
    int n = 3000;
    String prefix = "KILL-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    int base = 500 + (int) (Math.random() * 400);
    StringBuilder csv = new StringBuilder(HEADER);
    List<String> subjects = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      subjects.add(pnr(base, 100 + i));
    }
    for (int i = 0; i < n; i++) {
      csv.append(goodRow(prefix + i, subjects.get(i % subjects.size()), i));
    }
    Path input = write("kill.csv", csv.toString());

    Process first = loaderProcess(input).process();
    long committed = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (committed == 0 && first.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      committed = count("select count(*) from source_record where record_key like ?", prefix + "%");
    }
    first.destroyForcibly().waitFor(); // SIGKILL
    long atKill = count("select count(*) from source_record where record_key like ?", prefix + "%");
    assertTrue(atKill > 0 && atKill < n, "killed after " + atKill + " of " + n + " records were committed");
    assertEquals(0, atKill % 25, "only whole batches are ever visible");
    assertEquals(atKill, count("select last_record from load_run where input_name = ? and status = 'running' order by id desc limit 1", input.getFileName().toString()));

    LoggedProcess restarted = loaderProcess(input);
    Process second = restarted.process();
    assertTrue(second.waitFor(300, TimeUnit.SECONDS), "restarted loader did not finish");
    String output = Files.readString(restarted.log().toPath(), StandardCharsets.UTF_8);
    assertEquals(0, second.exitValue(), output);
    assertTrue(output.contains("resumed"), output);

    assertEquals(n, count("select count(*) from source_record where record_key like ?", prefix + "%"));
    assertEquals(n, count("select count(distinct composition) from source_record where record_key like ?", prefix + "%"));
    String[] pseudonyms = subjects.stream().map(PSEUDONYMS::pseudonym).toArray(String[]::new);
    try (Connection c = cdr().database().connection();
        PreparedStatement ps = c.prepareStatement(
            "select count(*), count(distinct e.id) from composition k join ehr e on e.id = k.ehr where e.subject_namespace = 'se.region.pseudonym' and e.subject_id = any(?)")) {
      ps.setArray(1, c.createArrayOf("text", pseudonyms));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertEquals(n, rs.getLong(1), "compositions of the test's subjects: no duplicates, none missing");
        assertEquals(subjects.size(), rs.getLong(2), "one EHR per subject");
      }
    }
  }

  private static LoggedProcess loaderProcess(Path input) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "load",
        "--mapping", "vital-signs-csv", "--input", input.toString(), "--batch", "25", "--threads", "1", "--report",
        input.resolveSibling("report.json").toString());
    pb.environment().put("CDR_DB_URL", cdr().database().jdbcUrl());
    pb.environment().put("CDR_DB_USER", "postgres");
    pb.environment().put("CDR_DB_PASSWORD", "postgres");
    pb.environment().put("CDR_DB_POOL_SIZE", "4");
    pb.environment().put("CDR_PSEUDONYM_KEY", LoaderSettings.TEST_KEY);
    pb.redirectErrorStream(true);
    File log = input.resolveSibling("loader-" + System.nanoTime() + ".log").toFile();
    pb.redirectOutput(log);
    return new LoggedProcess(pb.start(), log);
  }

  /** Keeps a process and its log file together so its output can be read after it ends. */
  private record LoggedProcess(Process process, File log) {}
}
