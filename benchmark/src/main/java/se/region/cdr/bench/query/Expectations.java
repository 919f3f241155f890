package se.region.cdr.bench.query;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The manifest's {@code expected} answers, read the way the query classes need them. */
final class Expectations {

  private final JsonNode manifest;
  private final JsonNode expected;

  Expectations(JsonNode manifest) {
    this.manifest = requireNonNull(manifest, "manifest is null");
    this.expected = manifest.path("expected");
    if (!expected.has("Q6_wardList") || !expected.has("Q1_latestBloodPressureTimePerEhr")) {
      throw new IllegalArgumentException(
          "manifest.json has no per-query answers (generator version "
              + manifest.path("generatorVersion").asText()
              + "); regenerate the corpus with this harness");
    }
  }

  int ehrs() {
    return manifest.path("ehrs").asInt();
  }

  long seed() {
    return manifest.path("seed").asLong();
  }

  /** Q1: rows for one EHR, the blood-pressure observations capped by {@code LIMIT 10}. */
  int latestVitalsRows() {
    return Math.min(10, expected.path("Q1_bloodPressureObservationsPerEhr").asInt());
  }

  /** Q1: the latest blood-pressure time of EHR {@code ehr}, or null when it has none. */
  String latestBloodPressure(int ehr) {
    JsonNode time = expected.path("Q1_latestBloodPressureTimePerEhr").path(ehr);
    return time.isTextual() ? time.asText() : null;
  }

  int compositionsPerEhr() {
    return expected.path("Q2_compositionsPerEhr").asInt();
  }

  Map<String, Integer> compositionsPerEhrByTemplate() {
    Map<String, Integer> byTemplate = new LinkedHashMap<>();
    expected
        .path("Q2_compositionsPerEhrByTemplate")
        .fields()
        .forEachRemaining(f -> byTemplate.put(f.getKey(), f.getValue().asInt()));
    return byTemplate;
  }

  String latestComposition(int ehr) {
    JsonNode time = expected.path("Q2_latestCompositionTimePerEhr").path(ehr);
    return time.isTextual() ? time.asText() : null;
  }

  long systolicAtLeast180() {
    return expected.path("Q3a_ehrsSystolicAtLeast180").asLong();
  }

  long systolicAtLeast140() {
    return expected.path("Q3b_ehrsSystolicAtLeast140").asLong();
  }

  List<String> rareCodes() {
    List<String> codes = new ArrayList<>();
    expected.path("Q4a_ehrsByRareCode").fieldNames().forEachRemaining(codes::add);
    return codes;
  }

  long ehrsWithRareCode(String code) {
    return expected.path("Q4a_ehrsByRareCode").path(code).asLong();
  }

  long ehrsWithE11() {
    return expected.path("Q4b_ehrsWithE11").asLong();
  }

  long ehrsWithE11AndHba1cAbove48() {
    return expected.path("Q5_ehrsWithE11AndHba1cAbove48").asLong();
  }

  /** Q6: the start times of the ward list, latest first. */
  List<String> wardListStartTimes() {
    List<String> times = new ArrayList<>();
    expected.path("Q6_wardList").path("startTimesDescending").forEach(t -> times.add(t.asText()));
    return times;
  }

  int wardListRows() {
    return expected.path("Q6_wardList").path("rows").asInt();
  }

  /** Q7: one {@code {since, count, sum, avg, min, max}} per since-date. */
  List<JsonNode> systolicSince() {
    List<JsonNode> aggregates = new ArrayList<>();
    expected.path("Q7_systolicSince").forEach(aggregates::add);
    return aggregates;
  }
}
