package se.region.cdr.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static se.region.cdr.server.Api.TEST_DATA;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Template upload, listing and retrieval against the EHRbase reference OPTs. */
class TemplateIT {
  private static final Pattern TEMPLATE_ID = Pattern.compile("<template_id>\\s*<value>([^<]*)</value>");

  static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyValidTemplateUploads() throws IOException {
    List<Path> opts = Stream.concat(files(TEST_DATA.resolve("valid_templates"), ".opt").stream(),
        files(TEST_DATA.resolve("aql/data_load/opts"), ".opt").stream()).toList();
    Set<String> seen = new HashSet<>();
    return opts.stream().map(opt -> dynamicTest(TEST_DATA.relativize(opt).toString(), () -> {
      String xml = Api.read(opt);
      Matcher m = TEMPLATE_ID.matcher(xml);
      assertTrue(m.find(), "reference OPT has a template_id");
      String id = m.group(1).trim();
      HttpResponse<String> r = Api.post("/definition/template/adl1.4", xml, "application/xml");
      boolean firstTime = seen.add(id) && Api.get("/definition/template/adl1.4/" + Api.encode(id)).statusCode() == 404 || r.statusCode() == 201;
      if (r.statusCode() == 409) {
        // the same template id was uploaded before (another file, or a bundled template)
        assertEquals(200, Api.get("/definition/template/adl1.4/" + Api.encode(id)).statusCode());
      } else {
        assertEquals(201, r.statusCode(), r.body());
        assertTrue(firstTime);
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyInvalidTemplateIsRejectedWithAReason() throws IOException {
    return files(TEST_DATA.resolve("invalid_templates"), ".opt").stream().map(opt -> dynamicTest(TEST_DATA.relativize(opt).toString(), () -> {
      HttpResponse<String> r = Api.post("/definition/template/adl1.4", Api.read(opt), "application/xml");
      assertEquals(400, r.statusCode(), r.body());
      assertTrue(Api.json(r).path("message").asText().length() > 10, r.body());
    }));
  }

  @Test
  void duplicateUploadIsAConflict() {
    Path opt = TEST_DATA.resolve("aql/data_load/opts/ehrbase_blood_pressure_simple.de.v0.opt");
    Api.ensureTemplate(opt);
    HttpResponse<String> again = Api.post("/definition/template/adl1.4", Api.read(opt), "application/xml");
    assertEquals(409, again.statusCode());
  }

  @Test
  void listsAndReturnsTemplatesAsOptAndWebTemplate() {
    Api.ensureTemplate(TEST_DATA.resolve("aql/data_load/opts/ehrbase_blood_pressure_simple.de.v0.opt"));
    JsonNode list = Api.json(Api.get("/definition/template/adl1.4"));
    boolean listed = false;
    for (JsonNode t : list) {
      listed |= t.path("template_id").asText().equals("ehrbase_blood_pressure_simple.de.v0");
    }
    assertTrue(listed, list.toString());
    String path = "/definition/template/adl1.4/ehrbase_blood_pressure_simple.de.v0";
    HttpResponse<String> opt = Api.get(path, "Accept", "application/xml");
    assertEquals(200, opt.statusCode());
    assertTrue(opt.body().contains("ehrbase_blood_pressure_simple.de.v0"));
    HttpResponse<String> wt = Api.get(path, "Accept", "application/openehr.wt+json");
    assertEquals(200, wt.statusCode());
    JsonNode webTemplate = Api.json(wt);
    assertEquals("ehrbase_blood_pressure_simple.de.v0", webTemplate.path("templateId").asText());
    assertEquals("COMPOSITION", webTemplate.path("tree").path("rmType").asText());
    assertEquals(404, Api.get("/definition/template/adl1.4/no-such-template").statusCode());
  }

  @Test
  void projectTemplatesAreLoadedAtStartUp() {
    assertEquals(200, Api.get("/definition/template/adl1.4/" + Api.encode("CDR - Vital signs.v1"), "Accept", "application/xml").statusCode());
  }
}
