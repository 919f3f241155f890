package se.region.cdr.bench.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The few openEHR REST calls the write classes need, against one base URL (e.g. {@code
 * http://127.0.0.1:8080/openehr/v1}). Thread-safe; calls block.
 */
public final class OpenEhrClient {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String baseUrl;
  private final HttpClient http;

  public OpenEhrClient(String baseUrl) {
    requireNonNull(baseUrl, "baseUrl is null");
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /** POST /definition/template/adl1.4; 409 (already there) counts as success for the caller. */
  public HttpResult uploadTemplate(byte[] optXml) throws IOException, InterruptedException {
    return send(
        request("/definition/template/adl1.4")
            .header("Content-Type", "application/xml")
            .header("Accept", "*/*")
            .POST(BodyPublishers.ofByteArray(optXml)));
  }

  /** POST /ehr with an EHR_STATUS naming {@code subjectId}; the EHR id is in the body. */
  public HttpResult createEhr(String subjectId, String namespace)
      throws IOException, InterruptedException {
    return send(
        request("/ehr")
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("Prefer", "return=representation")
            .POST(BodyPublishers.ofString(ehrStatus(subjectId, namespace))));
  }

  /** GET /ehr?subject_id=..&subject_namespace=.. */
  public HttpResult findEhr(String subjectId, String namespace)
      throws IOException, InterruptedException {
    String query =
        "?subject_id="
            + URLEncoder.encode(subjectId, StandardCharsets.UTF_8)
            + "&subject_namespace="
            + URLEncoder.encode(namespace, StandardCharsets.UTF_8);
    return send(request("/ehr" + query).header("Accept", "application/json").GET());
  }

  /** POST /ehr/{ehrId}/composition; 201 and the new version uid in ETag expected. */
  public HttpResult postComposition(String ehrId, String compositionJson)
      throws IOException, InterruptedException {
    return send(
        request("/ehr/" + ehrId + "/composition")
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("Prefer", "return=minimal")
            .POST(BodyPublishers.ofString(compositionJson)));
  }

  /** PUT /ehr/{ehrId}/composition/{versionedObjectUid} with If-Match: the preceding version. */
  public HttpResult putComposition(
      String ehrId, String versionedObjectUid, String precedingVersionUid, String json)
      throws IOException, InterruptedException {
    return send(
        request("/ehr/" + ehrId + "/composition/" + versionedObjectUid)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("Prefer", "return=minimal")
            .header("If-Match", precedingVersionUid)
            .PUT(BodyPublishers.ofString(json)));
  }

  /** POST /query/aql with a JSON body {@code {"q": ..., "query_parameters": {...}}}. */
  public HttpResult aql(String requestJson) throws IOException, InterruptedException {
    return send(
        request("/query/aql")
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(BodyPublishers.ofString(requestJson)));
  }

  /**
   * POST {@code requestJson} to an absolute URL outside the openEHR base (the admin EXPLAIN);
   * {@code url} must be on this machine, as the base URL is.
   */
  public HttpResult postJson(String url, String requestJson)
      throws IOException, InterruptedException {
    Loopback.require("admin-url", url);
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(BodyPublishers.ofString(requestJson)));
  }

  /** The {@code ehr_id.value} of an EHR response body. */
  public static String ehrIdOf(HttpResult result) throws IOException {
    JsonNode id = MAPPER.readTree(result.body()).path("ehr_id").path("value");
    if (id.isMissingNode()) {
      throw new IOException("no ehr_id.value in " + result.describe());
    }
    return id.asText();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT);
  }

  private HttpResult send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return HttpResult.of(http.send(request.build(), BodyHandlers.ofString()));
  }

  private static String ehrStatus(String subjectId, String namespace) {
    var status = MAPPER.createObjectNode();
    status.put("_type", "EHR_STATUS");
    status.put("archetype_node_id", "openEHR-EHR-EHR_STATUS.generic.v1");
    status.putObject("name").put("value", "EHR Status");
    var ref = status.putObject("subject").putObject("external_ref");
    ref.putObject("id")
        .put("_type", "GENERIC_ID")
        .put("value", subjectId)
        .put("scheme", "id_scheme");
    ref.put("namespace", namespace);
    ref.put("type", "PERSON");
    status.put("is_modifiable", true);
    status.put("is_queryable", true);
    return status.toString();
  }
}
