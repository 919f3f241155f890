package se.region.cdr.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small HTTP client for the tests: real requests over loopback to the test server. */
public final class Api {
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** Reference data shared beside the repository (never copied into it). */
  public static final Path REFERENCE = findReference();
  public static final Path TEST_DATA = REFERENCE.resolve("integration-tests/tests/robot/_resources/test_data_sets");

  private Api() {}

  private static Path findReference() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolveSibling("shared").resolve("reference-data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("../shared/reference-data not found above " + Path.of("").toAbsolutePath());
  }

  public static String api() {
    return TestServer.get().api();
  }

  public static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static HttpRequest.Builder request(String pathOrUrl) {
    String url = pathOrUrl.startsWith("http") ? pathOrUrl : api() + pathOrUrl;
    return HttpRequest.newBuilder(URI.create(url));
  }

  public static HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder b = request(path).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b);
  }

  public static HttpResponse<String> post(String path, String body, String contentType, String... headers) {
    HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType);
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b);
  }

  public static HttpResponse<String> put(String path, String body, String contentType, String... headers) {
    HttpRequest.Builder b = request(path).PUT(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType);
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b);
  }

  public static HttpResponse<String> delete(String path, String... headers) {
    HttpRequest.Builder b = request(path).DELETE();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b);
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("Not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }

  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String encode(String pathSegment) {
    return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Creates an EHR and returns its id. */
  /** Runs an AQL query ({@code POST /query/aql}) against an openEHR API base and returns its rows; any status but 200 fails the test. */
  public static JsonNode aqlRows(String apiBase, String q) {
    HttpResponse<String> r = post(apiBase + "/query/aql", JSON.createObjectNode().put("q", q).toString(), "application/json");
    org.junit.jupiter.api.Assertions.assertEquals(200, r.statusCode(), q + "\n" + r.body());
    return json(r).path("rows");
  }

  public static String createEhr() {
    HttpResponse<String> r = post("/ehr", "", "application/json", "Prefer", "return=representation");
    if (r.statusCode() != 201) {
      throw new IllegalStateException("EHR create failed: " + r.statusCode() + " " + r.body());
    }
    return json(r).path("ehr_id").path("value").asText();
  }

  /** Uploads an OPT; 201 and 409 (already there) both count as uploaded. */
  public static void ensureTemplate(Path opt) {
    HttpResponse<String> r = post("/definition/template/adl1.4", read(opt), "application/xml");
    if (r.statusCode() != 201 && r.statusCode() != 409) {
      throw new IllegalStateException("Template upload of " + opt + " failed: " + r.statusCode() + " " + r.body());
    }
  }
}
