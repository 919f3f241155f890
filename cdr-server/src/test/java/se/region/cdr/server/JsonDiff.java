package se.region.cdr.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares JSON trees for the round-trip tests: object keys in any order, arrays in order, numbers
 * by value (so {@code 120} equals {@code 120.0}). Differences come back as one line per path.
 */
final class JsonDiff {
  private static final int MAX = 25;

  private JsonDiff() {}

  static List<String> diff(JsonNode expected, JsonNode actual) {
    List<String> out = new ArrayList<>();
    diff("", expected, actual, out);
    if (out.size() > MAX) {
      int more = out.size() - MAX;
      out = new ArrayList<>(out.subList(0, MAX));
      out.add("... and " + more + " more");
    }
    return out;
  }

  private static void diff(String path, JsonNode e, JsonNode a, List<String> out) {
    if (e.isObject() && a.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      e.fieldNames().forEachRemaining(keys::add);
      a.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        String p = path + "/" + k;
        if (!a.has(k)) {
          out.add(p + ": missing (sent " + brief(e.get(k)) + ")");
        } else if (!e.has(k)) {
          out.add(p + ": added " + brief(a.get(k)));
        } else {
          diff(p, e.get(k), a.get(k), out);
        }
      }
    } else if (e.isArray() && a.isArray()) {
      int n = Math.min(e.size(), a.size());
      for (int i = 0; i < n; i++) {
        diff(path + "[" + i + "]", e.get(i), a.get(i), out);
      }
      if (e.size() != a.size()) {
        out.add(path + ": " + e.size() + " items sent, " + a.size() + " read back");
      }
    } else if (e.isNumber() && a.isNumber()) {
      if (e.decimalValue().compareTo(a.decimalValue()) != 0) {
        out.add(path + ": sent " + e + ", read back " + a);
      }
    } else if (!e.equals(a)) {
      out.add((path.isEmpty() ? "/" : path) + ": sent " + brief(e) + ", read back " + brief(a));
    }
  }

  static String brief(JsonNode n) {
    String s = n == null ? "null" : n.toString();
    return s.length() > 120 ? s.substring(0, 117) + "..." : s;
  }

  /**
   * Whether a FLAT value read back equals the one sent: as JSON, then numbers by value (a number
   * written as text counts), booleans written as text, and date-times whose text differs only in
   * format (the same instant when both have an offset, the same local date-time when neither has).
   */
  static boolean sameFlatValue(JsonNode sent, JsonNode back) {
    if (sent.equals(back)) {
      return true;
    }
    String s = sent.isValueNode() ? sent.asText() : sent.toString();
    String b = back.isValueNode() ? back.asText() : back.toString();
    if (s.equals(b) && sent.isValueNode() && back.isValueNode()) {
      return true;
    }
    BigDecimal sn = number(sent);
    BigDecimal bn = number(back);
    if (sn != null && bn != null) {
      return sn.compareTo(bn) == 0;
    }
    try {
      return OffsetDateTime.parse(s).toInstant().equals(OffsetDateTime.parse(b).toInstant());
    } catch (DateTimeParseException e) {
      // not both offset date-times
    }
    try {
      return LocalDateTime.parse(s).equals(LocalDateTime.parse(b));
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static BigDecimal number(JsonNode n) {
    if (n.isNumber()) {
      return n.decimalValue();
    }
    if (n.isTextual() && n.asText().matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
      return new BigDecimal(n.asText());
    }
    return null;
  }

  /** Flattens a STRUCTURED simSDT tree to FLAT-like paths ({@code a/b:0/c|code}) for comparison. */
  static void flatten(String path, JsonNode n, Map<String, JsonNode> out) {
    if (n.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = n.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        String k = f.getKey();
        String p = path.isEmpty() ? k : k.startsWith("|") ? path + k : path + "/" + k;
        flatten(p, f.getValue(), out);
      }
    } else if (n.isArray()) {
      if (n.size() == 1 && !n.get(0).isObject()) {
        out.put(path, n.get(0));
        return;
      }
      for (int i = 0; i < n.size(); i++) {
        flatten(path + ":" + i, n.get(i), out);
      }
    } else {
      out.put(path, n);
    }
  }
}
