package se.region.cdr.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks an AQL result against the manifest. Times are compared as instants, so a server may answer
 * {@code 2023-05-04T10:00:00Z}, {@code ...00.000Z} or {@code ...00+00:00}.
 */
final class ResultChecks {

  /** Relative tolerance for AVG, which servers may compute in floating point. */
  static final double AVG_TOLERANCE = 1e-6;

  private ResultChecks() {}

  /** A single count cell (Q3, Q4, Q5). */
  static Outcome count(QueryCase run, AqlResult result) {
    if (result.size() != 1) {
      return new Outcome(0, "expected one row with the count, got " + result.size() + " rows");
    }
    JsonNode cell = result.single();
    if (!cell.isNumber() && !(cell.isTextual() && cell.asText().matches("\\d+"))) {
      return new Outcome(0, "the count cell is not a number: " + cell);
    }
    return Outcome.of(cell.asLong(), run.expectedHits());
  }

  /**
   * Q1 and Q2: the number of rows, descending times in {@code column}, and the first equal to the
   * EHR's latest time in the manifest.
   */
  static Outcome latestFirst(QueryCase run, AqlResult result, int column, JsonNode latest) {
    Outcome rows = Outcome.of(result.size(), run.expectedHits());
    if (!rows.ok() || result.size() == 0) {
      return rows;
    }
    List<Instant> times = new ArrayList<>();
    for (int row = 0; row < result.size(); row++) {
      Instant time = instant(result.cell(row, column));
      if (time == null) {
        return new Outcome(result.size(), "row " + row + ": no date-time in column " + column);
      }
      times.add(time);
    }
    for (int i = 1; i < times.size(); i++) {
      if (times.get(i).isAfter(times.get(i - 1))) {
        return new Outcome(result.size(), "rows not in descending time order at row " + i);
      }
    }
    Instant expected = instant(latest);
    if (expected != null && !expected.equals(times.get(0))) {
      return new Outcome(
          result.size(), "latest time " + times.get(0) + ", manifest says " + expected);
    }
    return rows;
  }

  /** Q2: compositions per template id in {@code column}, against {@code {template: count}}. */
  static Outcome templateCounts(AqlResult result, int column, JsonNode byTemplate) {
    Map<String, Integer> got = new TreeMap<>();
    for (int row = 0; row < result.size(); row++) {
      got.merge(result.cell(row, column).asText(), 1, Integer::sum);
    }
    Map<String, Integer> expected = new TreeMap<>();
    byTemplate.fields().forEachRemaining(f -> expected.put(f.getKey(), f.getValue().asInt()));
    expected.values().removeIf(n -> n == 0);
    return got.equals(expected)
        ? new Outcome(result.size(), null)
        : new Outcome(result.size(), "compositions per template " + got + ", expected " + expected);
  }

  /** Q6: the rows' start times in {@code column} equal the manifest's, in order. */
  static Outcome wardList(QueryCase run, AqlResult result, int column) {
    Outcome rows = Outcome.of(result.size(), run.expectedHits());
    if (!rows.ok()) {
      return rows;
    }
    JsonNode expected = run.detail();
    for (int row = 0; row < result.size(); row++) {
      Instant got = instant(result.cell(row, column));
      Instant want = instant(expected.path(row));
      if (got == null || !got.equals(want)) {
        return new Outcome(
            result.size(),
            "row " + row + ": start time " + result.cell(row, column) + ", expected " + want);
      }
    }
    return rows;
  }

  /** Q7: one row of count, avg, min, max. */
  static Outcome aggregate(QueryCase run, AqlResult result) {
    if (result.size() != 1) {
      return new Outcome(0, "expected one row, got " + result.size());
    }
    JsonNode expected = run.detail();
    long count = result.cell(0, 0).asLong();
    if (count != expected.path("count").asLong()) {
      return Outcome.of(count, expected.path("count").asLong());
    }
    double avg = result.cell(0, 1).asDouble(Double.NaN);
    double wantAvg = expected.path("avg").asDouble();
    boolean avgOk =
        count == 0 || Math.abs(avg - wantAvg) <= AVG_TOLERANCE * Math.max(1, Math.abs(wantAvg));
    double min = result.cell(0, 2).asDouble(Double.NaN);
    double max = result.cell(0, 3).asDouble(Double.NaN);
    boolean extremesOk =
        count == 0
            || (min == expected.path("min").asDouble() && max == expected.path("max").asDouble());
    if (!avgOk || !extremesOk) {
      return new Outcome(
          count,
          String.format(
              "avg/min/max %s/%s/%s, expected %s/%s/%s",
              result.cell(0, 1),
              result.cell(0, 2),
              result.cell(0, 3),
              expected.path("avg"),
              expected.path("min"),
              expected.path("max")));
    }
    return new Outcome(count, null);
  }

  /** An ISO 8601 date-time as an instant; without an offset it is taken as UTC; null if none. */
  static Instant instant(JsonNode node) {
    if (node == null || !node.isTextual()) {
      return null;
    }
    String text = node.asText();
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notADateTime) {
        return null;
      }
    }
  }
}
