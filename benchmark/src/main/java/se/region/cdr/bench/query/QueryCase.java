package se.region.cdr.bench.query;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of a query class: its random parameters, the corpus EHR it is about ({@code -1} for
 * population queries), the hit count the manifest expects and, where the check needs more, the
 * manifest's detail ({@code null} otherwise).
 */
record QueryCase(
    QueryClass queryClass,
    int ehr,
    Map<String, Object> parameters,
    long expectedHits,
    JsonNode detail) {

  QueryCase {
    requireNonNull(queryClass, "queryClass is null");
    parameters = Map.copyOf(parameters);
  }

  /** The AQL query parameters, with {@code ehr_id} when the case is about one EHR. */
  Map<String, Object> parameters(String ehrId) {
    Map<String, Object> all = new LinkedHashMap<>(parameters);
    if (queryClass.needsEhrId()) {
      all.put("ehr_id", requireNonNull(ehrId, "ehrId is null"));
    }
    return all;
  }
}
