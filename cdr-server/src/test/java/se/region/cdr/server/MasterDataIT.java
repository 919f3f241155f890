package se.region.cdr.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import se.region.cdr.core.master.MasterData;

/** Master data over HTTP against the real server and PostgreSQL: load, reload, history, lookups, rejected files. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MasterDataIT {
  private static final String MASTER = "/cdr/v1/master/";
  private static final String WARD = "SE2321000016-W001";
  private static final String REGIONS = """
      tenant,code,name,valid_from
      31,31,Region Testland,2000-01-01
      """;
  private static final String PROVIDERS = """
      hsa_id,name,tenant,valid_from
      SE2321000016-P001,Testlands sjukvård,31,2000-01-01
      """;
  private static final String UNITS = """
      hsa_id,name,provider_hsa_id,kind,valid_from,valid_to
      SE2321000016-W001,"Avd 12, medicin",SE2321000016-P001,inpatient,2020-01-01,
      SE2321000016-O001,Hjärtmottagningen,SE2321000016-P001,outpatient,2020-01-01,
      SE2321000016-V001,Vårdcentralen Ekeby,SE2321000016-P001,primary,2021-06-01,2026-01-01
      """;

  private static HttpResponse<String> put(String kind, String csv) {
    return Api.send(Api.request(TestServer.get().baseUrl() + MASTER + kind)
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(csv)).header("Content-Type", "text/csv"));
  }

  private static JsonNode get(String path, int status) {
    HttpResponse<String> r = Api.get(TestServer.get().baseUrl() + MASTER + path);
    assertEquals(status, r.statusCode(), r.body());
    return Api.json(r);
  }

  private static void assertSummary(HttpResponse<String> r, int inserted, int changed, int unchanged) {
    assertEquals(200, r.statusCode(), r.body());
    JsonNode s = Api.json(r);
    assertEquals(inserted, s.path("inserted").asInt(), r.body());
    assertEquals(changed, s.path("changed").asInt(), r.body());
    assertEquals(unchanged, s.path("unchanged").asInt(), r.body());
  }

  @Test
  @Order(1)
  void loadThenReloadIsUnchanged() {
    assertSummary(put("regions", REGIONS), 1, 0, 0);
    assertSummary(put("providers", PROVIDERS), 1, 0, 0);
    assertSummary(put("units", UNITS), 3, 0, 0);
    assertSummary(put("units", UNITS), 0, 0, 3);
    assertSummary(put("regions", REGIONS), 0, 0, 1);

    JsonNode ward = get("units/" + WARD + "?at=2024-01-01", 200);
    assertEquals("Avd 12, medicin", ward.path("name").asText());
    assertEquals("SE2321000016-P001", ward.path("provider_hsa_id").asText());
    assertEquals("Testlands sjukvård", ward.path("provider_name").asText());
    assertEquals(31, ward.path("tenant").asInt());
    assertEquals("31", ward.path("region_code").asText());
  }

  @Test
  @Order(2)
  void changedNameOpensANewPeriod() {
    String renamed = UNITS.replace("SE2321000016-W001,\"Avd 12, medicin\",SE2321000016-P001,inpatient,2020-01-01,",
        "SE2321000016-W001,Avd 12 kardiologi,SE2321000016-P001,inpatient,2024-05-01,");
    assertSummary(put("units", renamed), 0, 1, 2);
    assertSummary(put("units", renamed), 0, 0, 3);

    assertEquals("Avd 12, medicin", get("units/" + WARD + "?at=2024-04-30", 200).path("name").asText());
    assertEquals("Avd 12 kardiologi", get("units/" + WARD + "?at=2024-05-01", 200).path("name").asText());
    get("units/" + WARD + "?at=2019-12-31", 404);

    JsonNode history = get("units/" + WARD, 200).path("periods");
    assertEquals(2, history.size());
    assertEquals("2024-05-01", history.get(0).path("valid_to").asText());
    assertTrue(history.get(1).path("valid_to").isNull());

    // The original file again: its open period is already closed by the later one.
    assertSummary(put("units", UNITS), 0, 0, 3);
  }

  @Test
  @Order(3)
  void unitsOnADate() {
    assertFalse(contains(get("units?at=2021-01-01", 200), "SE2321000016-V001"), "not opened yet");
    assertTrue(contains(get("units?at=2023-01-01", 200), "SE2321000016-V001"));
    assertFalse(contains(get("units?at=2026-01-01", 200), "SE2321000016-V001"), "valid_to is exclusive");
    assertTrue(contains(get("units?at=2026-01-01", 200), WARD));
  }

  @Test
  @Order(4)
  void badFileIsRejectedWithItsLineAndChangesNothing() {
    String bad = """
        hsa_id,name,provider_hsa_id,kind,valid_from
        SE2321000016-W002,Avd 14,SE2321000016-P001,inpatient,2020-01-01
        SE2321000016-W003,Avd 15,SE2321000016-P001,ward,2020-01-01
        """;
    HttpResponse<String> r = put("units", bad);
    assertEquals(400, r.statusCode(), r.body());
    JsonNode error = Api.json(r);
    assertTrue(error.path("message").asText().contains("units.csv:3 column kind"), r.body());
    assertEquals(1, error.path("details").size(), r.body());
    get("units/SE2321000016-W002", 404);

    HttpResponse<String> unknownProvider = put("units", bad.replace(",ward,", ",inpatient,").replace("W003,Avd 15,SE2321000016-P001", "W003,Avd 15,SE2321000016-P999"));
    assertEquals(400, unknownProvider.statusCode(), unknownProvider.body());
    assertTrue(Api.json(unknownProvider).path("message").asText().contains("units.csv:3 column provider_hsa_id: no care provider SE2321000016-P999"),
        unknownProvider.body());
    get("units/SE2321000016-W002", 404);

    HttpResponse<String> changedInPlace = put("units", UNITS.replace("Hjärtmottagningen", "Hjärtkliniken"));
    assertEquals(400, changedInPlace.statusCode(), changedInPlace.body());
    assertTrue(Api.json(changedInPlace).path("message").asText().contains("units.csv:3"), changedInPlace.body());
    assertEquals("Hjärtmottagningen", get("units/SE2321000016-O001?at=2024-01-01", 200).path("name").asText());

    assertEquals(404, put("wards", UNITS).statusCode());
  }

  @Test
  @Order(5)
  void codesAtADate() {
    String v2024 = """
        system,code,display,version,valid_from
        ICD-10-SE,E11,Diabetes mellitus typ 2,2024,2024-01-01
        ICD-10-SE,I10,Essentiell hypertoni,2024,2024-01-01
        """;
    assertSummary(put("codes", v2024), 2, 0, 0);
    String v2025 = """
        system,code,display,version,valid_from
        ICD-10-SE,E11,Diabetes mellitus typ 2 (icke insulinberoende),2025,2025-01-01
        ICD-10-SE,I10,Essentiell hypertoni,2025,2025-01-01
        """;
    assertSummary(put("codes", v2025), 0, 2, 0);
    MasterData master = MasterData.of(TestServer.get().cdr().database().dataSource());
    assertEquals("Diabetes mellitus typ 2", master.code("ICD-10-SE", "E11", LocalDate.of(2024, 12, 31)).orElseThrow().display());
    assertEquals("2025", master.code("ICD-10-SE", "E11", LocalDate.of(2025, 1, 1)).orElseThrow().version());
    assertTrue(master.code("ICD-10-SE", "E11", LocalDate.of(2023, 12, 31)).isEmpty());
    assertTrue(master.code("ICD-10-SE", "X99", LocalDate.of(2025, 1, 1)).isEmpty());
    assertTrue(master.careUnit(WARD, LocalDate.of(2025, 1, 1)).isPresent());
  }

  private static boolean contains(JsonNode units, String hsaId) {
    for (JsonNode u : units) {
      if (u.path("hsa_id").asText().equals(hsaId)) {
        return true;
      }
    }
    return false;
  }
}
