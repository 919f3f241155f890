package se.region.cdr.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Declares the AQL value indexes the query classes compare on ({@code POST /cdr/v1/aql-index} of
 * this CDR): systolic magnitude (Q3, Q6, Q7), diagnosis code and its terminology (Q4, Q5), analyte
 * code and HbA1c value (Q5). Each declaration fills its index from the stored corpus; the time it takes and the values it
 * holds go into the results.
 */
final class ValueIndexDeclarations {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Archetype id and path below it (the query's path without its variable). */
  record Declaration(String archetypeId, String path) {}

  static final List<Declaration> DECLARATIONS = List.of(
      new Declaration(QueryTexts.BLOOD_PRESSURE, relative(QueryTexts.SYSTOLIC)),
      new Declaration(QueryTexts.PROBLEM_DIAGNOSIS, relative(QueryTexts.DIAGNOSIS_CODE)),
      new Declaration(QueryTexts.PROBLEM_DIAGNOSIS, relative(QueryTexts.DIAGNOSIS_TERMINOLOGY)),
      new Declaration(QueryTexts.LABORATORY_TEST, relative(QueryTexts.ANALYTE_CODE)),
      new Declaration(QueryTexts.LABORATORY_TEST, relative(QueryTexts.ANALYTE_VALUE)));

  private ValueIndexDeclarations() {}

  /** Declares every index at {@code rootUrl}/cdr/v1/aql-index; one JSON object per declaration. */
  static ArrayNode declare(String rootUrl) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(); // no h2c upgrade on a body
    ArrayNode out = MAPPER.createArrayNode();
    for (Declaration d : DECLARATIONS) {
      ObjectNode body = MAPPER.createObjectNode().put("archetype_id", d.archetypeId()).put("path", d.path());
      long start = System.nanoTime();
      HttpResponse<String> r = client.send(
          HttpRequest.newBuilder(URI.create(rootUrl + "/cdr/v1/aql-index")).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
          HttpResponse.BodyHandlers.ofString());
      double ms = (System.nanoTime() - start) / 1e6;
      if (r.statusCode() != 200 && r.statusCode() != 201) {
        throw new IOException("declaring " + body + ": HTTP " + r.statusCode() + " " + r.body());
      }
      JsonNode index = MAPPER.readTree(r.body());
      ObjectNode row = out.addObject();
      row.put("archetypeId", d.archetypeId());
      row.put("path", d.path());
      row.put("values", index.path("values").asLong());
      row.put("declareMs", Math.round(ms));
      row.put("created", r.statusCode() == 201);
      System.out.printf("value index %s %s: %d values, %.0f ms%n", d.archetypeId(), d.path(), index.path("values").asLong(), ms);
    }
    return out;
  }

  private static String relative(String path) {
    return path.substring(path.indexOf('/') + 1);
  }
}
