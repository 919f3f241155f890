package se.region.cdr.server.aql;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares an openEHR ResultSet with an expected one the way the EHRbase robot tests do
 * ({@code compare json-strings ... ignore_order=True ignore_string_case=True}, {@code meta} and
 * {@code q} excluded):
 *
 * <ul>
 *   <li>{@code columns}, where the expected set has them: same count, in order; each expected
 *       {@code name} and {@code path} equal.
 *   <li>{@code rows}, where the expected set has them: the same multiset of rows, or the same list
 *       when the case is ordered (an ORDER BY query). Arrays inside values always compare as
 *       multisets, as deepdiff's {@code ignore_order} does.
 *   <li>values: object keys in any order and the same key set, except {@link Options#ignoredCellKeys}
 *       on the top object of a cell (the robot tests exclude e.g. {@code rows[i][0].uid}, which the
 *       server assigns) and {@code _type} where only one side has it (as the project's {@code
 *       JsonDiff}: canonical JSON may omit it where it is the declared type; a deliberate leniency
 *       over the robot's exact compare); numbers by value ({@code 20} equals {@code 20.0}); strings
 *       ignoring case.
 * </ul>
 *
 * <p>Differences come back as readable lines; none means equal.
 */
final class ResultSetComparator {
  private static final int MAX_LINES = 12;

  /**
   * How one case compares. {@code orderedRows}, when ordered and not negative: only the first so
   * many rows are compared in order, the rest as a multiset (ties of the sort key, which the
   * reference data marks as a "not ordered" part).
   */
  record Options(boolean ordered, Set<String> ignoredCellKeys, int orderedRows) {
    static final Options UNORDERED = new Options(false, Set.of());

    Options {
      ignoredCellKeys = Set.copyOf(ignoredCellKeys);
    }

    Options(boolean ordered, Set<String> ignoredCellKeys) {
      this(ordered, ignoredCellKeys, -1);
    }
  }

  private ResultSetComparator() {}

  static List<String> differences(JsonNode expected, JsonNode actual, Options options) {
    List<String> out = new ArrayList<>();
    if (expected.has("columns")) {
      compareColumns(expected.get("columns"), actual.path("columns"), out);
    }
    if (expected.has("rows")) {
      compareRows(expected.get("rows"), actual.path("rows"), options, out);
    }
    if (out.size() > MAX_LINES) {
      int more = out.size() - MAX_LINES;
      out = new ArrayList<>(out.subList(0, MAX_LINES));
      out.add("... and " + more + " more");
    }
    return out;
  }

  private static void compareColumns(JsonNode expected, JsonNode actual, List<String> out) {
    if (!actual.isArray() || actual.size() != expected.size()) {
      out.add("columns: expected " + expected + " but got " + actual);
      return;
    }
    for (int i = 0; i < expected.size(); i++) {
      for (String key : List.of("name", "path")) {
        JsonNode e = expected.get(i).get(key);
        JsonNode a = actual.get(i).get(key);
        if (e != null && (a == null || !same(e, a, Set.of()))) {
          out.add("columns[" + i + "]." + key + ": expected " + e + " but got " + a);
        }
      }
    }
  }

  private static void compareRows(JsonNode expected, JsonNode actual, Options options, List<String> out) {
    if (!actual.isArray()) {
      out.add("rows: expected " + expected.size() + " rows but got " + actual);
      return;
    }
    if (expected.size() != actual.size()) {
      out.add("rows: expected " + expected.size() + " rows but got " + actual.size());
    }
    int inOrder = !options.ordered() ? 0 : options.orderedRows() < 0 ? Integer.MAX_VALUE : options.orderedRows();
    for (int i = 0; i < Math.min(inOrder, Math.min(expected.size(), actual.size())); i++) {
      if (!sameRow(expected.get(i), actual.get(i), options)) {
        out.add("rows[" + i + "]: expected " + abbreviate(expected.get(i)) + " but got " + abbreviate(actual.get(i)));
      }
    }
    if (inOrder >= Math.max(expected.size(), actual.size())) {
      return;
    }
    boolean[] used = new boolean[actual.size()];
    for (int j = 0; j < Math.min(inOrder, actual.size()); j++) {
      used[j] = true;
    }
    for (int i = Math.min(inOrder, expected.size()); i < expected.size(); i++) {
      JsonNode row = expected.get(i);
      int match = -1;
      for (int j = 0; j < actual.size() && match < 0; j++) {
        if (!used[j] && sameRow(row, actual.get(j), options)) {
          match = j;
        }
      }
      if (match < 0) {
        out.add("missing row " + abbreviate(row));
      } else {
        used[match] = true;
      }
    }
    for (int j = 0; j < actual.size(); j++) {
      if (!used[j]) {
        out.add("unexpected row " + abbreviate(actual.get(j)));
      }
    }
  }

  private static boolean sameRow(JsonNode expected, JsonNode actual, Options options) {
    if (!expected.isArray() || !actual.isArray()) {
      return same(expected, actual, Set.of());
    }
    if (expected.size() != actual.size()) {
      return false;
    }
    for (int i = 0; i < expected.size(); i++) {
      if (!same(expected.get(i), actual.get(i), options.ignoredCellKeys())) {
        return false;
      }
    }
    return true;
  }

  /** Value equality as described on the class; {@code ignoredKeys} apply to this level only. */
  static boolean same(JsonNode e, JsonNode a, Set<String> ignoredKeys) {
    if (e.isNumber() && a.isNumber()) {
      return e.decimalValue().compareTo(a.decimalValue()) == 0;
    }
    if (e.isTextual() && a.isTextual()) {
      return e.asText().toLowerCase(Locale.ROOT).equals(a.asText().toLowerCase(Locale.ROOT));
    }
    if (e.isObject() && a.isObject()) {
      Set<String> keys = new TreeSet<>();
      e.fieldNames().forEachRemaining(keys::add);
      a.fieldNames().forEachRemaining(keys::add);
      keys.removeAll(ignoredKeys);
      if (e.has("_type") != a.has("_type")) {
        keys.remove("_type"); // canonical JSON may leave it out where it is the attribute's declared type
      }
      for (String k : keys) {
        if (!e.has(k) || !a.has(k) || !same(e.get(k), a.get(k), Set.of())) {
          return false;
        }
      }
      return true;
    }
    if (e.isArray() && a.isArray()) {
      if (e.size() != a.size()) {
        return false;
      }
      boolean[] used = new boolean[a.size()];
      for (JsonNode item : e) {
        boolean found = false;
        for (int j = 0; j < a.size() && !found; j++) {
          if (!used[j] && same(item, a.get(j), Set.of())) {
            used[j] = true;
            found = true;
          }
        }
        if (!found) {
          return false;
        }
      }
      return true;
    }
    return e.equals(a);
  }

  private static String abbreviate(JsonNode node) {
    String s = node.toString();
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  /** Used by tests: the differences joined into one message. */
  static String describe(List<String> differences) {
    StringBuilder b = new StringBuilder();
    for (Iterator<String> it = differences.iterator(); it.hasNext(); ) {
      b.append(it.next());
      if (it.hasNext()) {
        b.append("\n  ");
      }
    }
    return b.toString();
  }
}
