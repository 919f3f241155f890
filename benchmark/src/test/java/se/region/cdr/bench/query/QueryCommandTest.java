package se.region.cdr.bench.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.region.cdr.bench.corpus.CorpusFiles;
import se.region.cdr.bench.corpus.CorpusGenerator;
import se.region.cdr.bench.corpus.Icd10Catalogue;
import se.region.cdr.bench.report.ResultsWriter;

/**
 * The {@code query} subcommand against a fake loopback server that knows only Q3a and Q9: those
 * classes pass, the others report a bounded number of HTTP 404 errors instead of failing the run.
 */
class QueryCommandTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path temp;
  private HttpServer server;
  private final AtomicInteger aqlRequests = new AtomicInteger();
  private final AtomicInteger indexDeclarations = new AtomicInteger();
  private long q3aAnswer;
  private boolean explainEnabled;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/openehr/v1/query/aql", this::aql);
    server.createContext("/openehr/v1/ehr", this::ehr);
    server.createContext(QueryCommand.EXPLAIN_PATH, this::explain);
    server.createContext("/cdr/v1/aql-index", this::declareIndex);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void knownClassesPassAndMissingOnesReportErrors() throws Exception {
    Path corpus = temp.resolve("corpus");
    new CorpusGenerator(5, 40, 10, Icd10Catalogue.load()).generate(corpus);
    JsonNode manifest = MAPPER.readTree(corpus.resolve(CorpusFiles.MANIFEST).toFile());
    q3aAnswer = manifest.at("/expected/Q3a_ehrsSystolicAtLeast180").asLong();
    explainEnabled = true;
    Path out = temp.resolve("out");

    QueryCommand.run(
        new String[] {
          "--base-url",
          baseUrl(),
          "--corpus",
          corpus.toString(),
          "--out",
          out.toString(),
          "--classes",
          "Q3a,Q1,Q9",
          "--runs",
          "50",
          "--warmup-runs",
          "10"
        });

    JsonNode classes =
        MAPPER.readTree(out.resolve(ResultsWriter.JSON).toFile()).at("/queries/classes");
    JsonNode q3a = classes.get(0);
    assertEquals("Q3a", q3a.path("id").asText());
    for (JsonNode step : q3a.path("steps")) {
      assertTrue(step.path("ok").asBoolean(), step.toString());
      assertEquals(50, step.path("runs").asInt());
      assertEquals(50 * q3aAnswer, step.path("hitsGot").asLong());
    }
    assertEquals(2, q3a.path("steps").size());
    assertEquals("ok", q3a.at("/explain/status").asText());
    assertTrue(Files.readString(out.resolve("explain/Q3a.txt")).contains("Seq Scan"));

    JsonNode q1 = classes.get(1);
    for (JsonNode step : q1.path("steps")) {
      assertFalse(step.path("ok").asBoolean());
      assertEquals(0, step.path("runs").asInt());
      assertTrue(step.path("errors").asLong() >= 1);
      assertTrue(step.path("errors").asLong() < QueryLoad.MAX_ERRORS + 4);
      assertTrue(step.at("/errorSamples/0").asText().startsWith("HTTP 404"));
    }

    JsonNode q9 = classes.get(2);
    assertTrue(q9.at("/steps/0/ok").asBoolean());
    assertEquals(50, q9.at("/steps/1/hitsGot").asLong());
    assertEquals("not applicable", q9.at("/explain/status").asText());

    String markdown = Files.readString(out.resolve(ResultsWriter.MARKDOWN));
    assertTrue(markdown.contains("| Q3a | 1 | 50/50 |"), markdown);
    assertTrue(markdown.contains("| Q1 | 4 | 0/50 |"), markdown);
    assertTrue(markdown.contains("- Q1 at 1, Q1 at 4: "), markdown);
    assertTrue(markdown.contains("| Q1 | 1 | 0/50 | – |"), markdown);
    assertTrue(aqlRequests.get() <= 2 * 60 + 2 * (QueryLoad.MAX_ERRORS + 4));

    JsonNode declared = MAPPER.readTree(out.resolve(ResultsWriter.JSON).toFile()).at("/queries/valueIndexes");
    assertEquals(ValueIndexDeclarations.DECLARATIONS.size(), declared.size());
    assertEquals("openEHR-EHR-OBSERVATION.blood_pressure.v2", declared.at("/0/archetypeId").asText());
    assertEquals(7, declared.at("/0/values").asLong());
    assertTrue(declared.at("/0/created").asBoolean());
  }

  @Test
  void explainIsNotAvailableWithoutTheAdminEndpoint() throws Exception {
    Path corpus = temp.resolve("corpus");
    new CorpusGenerator(6, 20, 10, Icd10Catalogue.load()).generate(corpus);
    q3aAnswer =
        MAPPER
            .readTree(corpus.resolve(CorpusFiles.MANIFEST).toFile())
            .at("/expected/Q3a_ehrsSystolicAtLeast180")
            .asLong();
    Path out = temp.resolve("out");
    QueryCommand.run(
        new String[] {
          "--base-url",
          baseUrl() + "/",
          "--corpus",
          corpus.toString(),
          "--out",
          out.toString(),
          "--classes",
          "Q3a",
          "--concurrency",
          "1",
          "--value-indexes",
          "none"
        });
    JsonNode q3a =
        MAPPER.readTree(out.resolve(ResultsWriter.JSON).toFile()).at("/queries/classes/0");
    assertEquals("not available", q3a.at("/explain/status").asText());
    assertEquals(1, q3a.path("steps").size());
    assertEquals(0, indexDeclarations.get());
  }

  @Test
  void explainUrlIsDerivedFromTheBaseUrl() {
    assertEquals(
        "http://127.0.0.1:8080/ehrbase/rest/admin/query/explain",
        QueryCommand.explainUrlOf("http://127.0.0.1:8080/ehrbase/rest/openehr/v1"));
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/openehr/v1";
  }

  private void aql(HttpExchange exchange) throws IOException {
    aqlRequests.incrementAndGet();
    JsonNode body = MAPPER.readTree(exchange.getRequestBody());
    if (body.path("q").asText().equals(QueryTexts.Q3A_SYSTOLIC_180)) {
      respond(
          exchange,
          200,
          "{\"q\":\"\",\"columns\":[{\"name\":\"ehrs\"}],\"rows\":[[" + q3aAnswer + "]]}");
    } else {
      respond(exchange, 404, "{\"error\":\"Not Found\"}");
    }
  }

  private void ehr(HttpExchange exchange) throws IOException {
    String query = URI.create(exchange.getRequestURI().toString()).getQuery();
    String subject = query.replaceAll(".*subject_id=([^&]+).*", "$1");
    respond(exchange, 200, "{\"ehr_id\":{\"value\":\"ehr-" + subject + "\"}}");
  }

  private void declareIndex(HttpExchange exchange) throws IOException {
    JsonNode body = MAPPER.readTree(exchange.getRequestBody());
    indexDeclarations.incrementAndGet();
    respond(exchange, 201, "{\"archetype_id\":\"" + body.path("archetype_id").asText() + "\",\"values\":7}");
  }

  private void explain(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    if (explainEnabled) {
      respond(exchange, 200, "{\"sql\":\"SELECT count(*)\",\"plan\":\"Seq Scan on x\"}");
    } else {
      respond(exchange, 404, "");
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }
}
