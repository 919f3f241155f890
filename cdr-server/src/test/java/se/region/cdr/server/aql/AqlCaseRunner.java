package se.region.cdr.server.aql;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import se.region.cdr.server.Api;
import se.region.cdr.server.KnownFailures;

/**
 * Runs one case: fills the query and the expected ResultSet with the fixture's and the row's
 * variables, sends {@code POST /query/aql} and throws an {@link AssertionError} listing every
 * difference.
 */
final class AqlCaseRunner {
  /** Start of the failure message when the endpoint does not exist (yet). */
  static final String HTTP_404 = "HTTP 404 from POST /query/aql";
  /**
   * Why a case whose expected file is empty is skipped: the robot suites keep such placeholders for
   * cases they tag not-ready, so the reference data gives no result to compare with.
   */
  static final String NO_EXPECTED_RESULT = "the reference data has no expected result (empty expected file)";

  private final Map<String, String> fixtureVariables;

  AqlCaseRunner(Map<String, String> fixtureVariables) {
    this.fixtureVariables = Map.copyOf(requireNonNull(fixtureVariables, "fixtureVariables is null"));
  }

  /** The request body of a case: {@code q}, and {@code offset}, {@code fetch}, {@code query_parameters} where given. */
  static ObjectNode requestBody(AqlCase c, Map<String, String> vars, String query) {
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("q", query);
    putNumber(body, "offset", c.offset(), vars);
    putNumber(body, "fetch", c.fetch(), vars);
    if (!c.parameters().isEmpty()) {
      ObjectNode params = body.putObject("query_parameters");
      c.parameters().forEach((name, template) -> params.set(name, literal(Placeholders.substitute(template, vars))));
    }
    return body;
  }

  /** The case's variables: the fixture's, then the row's cells (a row may shadow a fixture name). */
  Map<String, String> variables(AqlCase c) {
    Map<String, String> vars = new HashMap<>(fixtureVariables);
    vars.putAll(c.rowVariables());
    return vars;
  }

  void run(AqlCase c) {
    Map<String, String> vars = variables(c);
    JsonNode expected = null;
    String template = c.queryTemplate();
    if (c.expectedFile() != null) {
      String text = ConformanceCatalog.read(c.expectedFile());
      if (text.isBlank()) {
        throw KnownFailures.skip(NO_EXPECTED_RESULT);
      }
      JsonNode raw = AqlConformanceIT.parse(text);
      if (template == null && raw.hasNonNull("q")) {
        template = raw.get("q").asText(); // its cells are substituted below, as the robot puts them into the request
      }
      expected = Placeholders.substitute(raw, vars);
    }
    if (template == null) {
      throw new AssertionError("harness: no query (no 'query' in tables.txt and no 'q' in the expected file)");
    }
    Map<String, String> queryVars = new HashMap<>(vars); // the robot puts cells into the JSON text of the request
    c.rowVariables().forEach((name, value) -> queryVars.put(name, RobotText.inJsonString(value)));
    String query = Placeholders.substitute(template, queryVars).strip();
    Set<String> unresolved = Placeholders.unresolved(query);
    if (!unresolved.isEmpty()) {
      throw new AssertionError("harness: the query names variables no fixture sets: " + unresolved + " in " + query);
    }
    if (expected != null && expected.isObject() && !c.fromResult()) {
      ObjectNode withoutQuery = expected.deepCopy();
      withoutQuery.remove("q");
      withoutQuery.remove("meta");
      Set<String> open = Placeholders.unresolved(withoutQuery.toString());
      if (!open.isEmpty()) {
        throw new AssertionError("harness: the expected file names variables no fixture sets: " + open);
      }
    }
    ObjectNode body = requestBody(c, vars, query);
    HttpResponse<String> r = Api.post("/query/aql", body.toString(), "application/json", "Accept", "application/json");
    if (r.statusCode() != 200) {
      throw new AssertionError("HTTP " + r.statusCode() + " from POST /query/aql: " + Fixtures.firstLine(r.body())
          + "\n  request: " + body);
    }
    JsonNode actual = AqlConformanceIT.parse(r.body());
    List<String> differences = new ArrayList<>();
    JsonNode rows = actual.path("rows");
    if (c.expectedRowCount() != null && rows.size() != c.expectedRowCount()) {
      differences.add("expected " + c.expectedRowCount() + " rows but got " + rows.size());
    }
    if (c.expectedValue() != null) {
      JsonNode value = rows.path(0).path(0);
      if (value.isMissingNode() || !ResultSetComparator.same(literal(c.expectedValue()), value, Set.of())) {
        differences.add("expected first value " + c.expectedValue() + " but got " + value);
      }
    }
    if (expected != null && c.fromResult()) {
      expected = readFromResult(expected, rows);
      differences.addAll(contributionsHoldTheirVersions(actual));
    }
    if (expected != null) {
      differences.addAll(ResultSetComparator.differences(expected, actual,
          new ResultSetComparator.Options(c.ordered(), c.ignoredCellKeys(), orderedRows(c, expected))));
    }
    if (!differences.isEmpty()) {
      throw new AssertionError(differences.size() + " differences for " + body + "\n  "
          + ResultSetComparator.describe(differences));
    }
  }

  /**
   * The expected rows with the values the robot suite read from the result filled in: a cell that
   * is only a variable no fixture set ({@code ${time_committed_composition1}}) takes the actual
   * cell at its place (row by row: these cases are ordered), and a variable met again must have the
   * value it took first, so the rows still have to agree with each other.
   */
  static JsonNode readFromResult(JsonNode expected, JsonNode actualRows) {
    ObjectNode filled = expected.deepCopy();
    JsonNode rows = filled.path("rows");
    Map<String, JsonNode> read = new HashMap<>();
    for (int r = 0; r < rows.size() && r < actualRows.size(); r++) {
      ArrayNode row = (ArrayNode) rows.get(r);
      JsonNode actualRow = actualRows.get(r);
      for (int i = 0; i < row.size() && i < actualRow.size(); i++) {
        String name = row.get(i).isTextual() ? Placeholders.whole(row.get(i).asText()) : null;
        if (name != null) {
          read.putIfAbsent(name, actualRow.get(i));
          row.set(i, read.get(name));
        }
      }
    }
    return filled;
  }

  /**
   * What the robot suite checks of the contribution ids it reads: {@code GET
   * /ehr/{ehr_id}/contribution/{id}} lists the row's version ({@code cv/uid/value}).
   */
  private List<String> contributionsHoldTheirVersions(JsonNode actual) {
    List<String> out = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    actual.path("columns").forEach(col -> paths.add(col.path("path").asText()));
    int contribution = paths.indexOf("cv/contribution/id/value");
    int version = paths.indexOf("cv/uid/value");
    if (contribution < 0 || version < 0) {
      return out;
    }
    List<String> ehrs = fixtureVariables.entrySet().stream().filter(e -> e.getKey().startsWith("ehr_id")).map(Map.Entry::getValue).distinct().toList();
    for (JsonNode row : actual.path("rows")) {
      String id = row.path(contribution).asText();
      String uid = row.path(version).asText();
      boolean listed = ehrs.stream().map(ehr -> Api.get("/ehr/" + ehr + "/contribution/" + id)).filter(r -> r.statusCode() == 200)
          .anyMatch(r -> Api.json(r).path("versions").findValuesAsText("value").contains(uid));
      if (!listed) {
        out.add("contribution " + id + " is not found in the fixture's EHRs, or does not list version " + uid);
      }
    }
    return out;
  }

  /**
   * For an ORDER BY case whose expected file has {@code _part_ordered_asc} and {@code
   * _part_not_ordered} siblings (ties of the sort key, e.g. rows whose key is null) and starts with
   * the ordered part: how many rows are compared in order; -1 (all) otherwise.
   */
  static int orderedRows(AqlCase c, JsonNode expected) {
    if (!c.ordered() || c.expectedFile() == null) {
      return -1;
    }
    List<java.nio.file.Path> parts = ConformanceCatalog.orderedParts(c.expectedFile());
    java.nio.file.Path part = parts.get(0);
    java.nio.file.Path rest = parts.get(1);
    if (!java.nio.file.Files.isRegularFile(part) || !java.nio.file.Files.isRegularFile(rest)) {
      return -1;
    }
    JsonNode ordered = AqlConformanceIT.parse(ConformanceCatalog.read(part)).path("rows");
    JsonNode rows = expected.path("rows");
    for (int i = 0; i < ordered.size(); i++) {
      if (i >= rows.size() || !ResultSetComparator.same(ordered.get(i), rows.get(i), java.util.Set.of())) {
        return -1;
      }
    }
    return ordered.size();
  }

  private static void putNumber(ObjectNode body, String name, String template, Map<String, String> vars) {
    if (template == null) {
      return;
    }
    String value = Placeholders.substitute(template, vars).strip();
    if (value.isEmpty() || value.equalsIgnoreCase("NULL") || value.equalsIgnoreCase("None")) {
      return;
    }
    body.put(name, Integer.parseInt(value));
  }

  /** A CSV cell as a JSON value: a JSON literal ({@code "text"}, {@code 20}, {@code true}) as such, anything else as text. */
  static JsonNode literal(String cell) {
    String s = cell.strip();
    try {
      JsonNode n = Api.JSON.readTree(s);
      if (n != null && (n.isValueNode() || n.isContainerNode()) && !n.isMissingNode()) {
        return n;
      }
    } catch (IOException e) {
      // not JSON: plain text
    }
    return JsonNodeFactory.instance.textNode(s);
  }
}
