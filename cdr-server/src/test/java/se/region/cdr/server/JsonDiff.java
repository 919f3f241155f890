package se.region.cdr.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares JSON trees for the round-trip tests: object keys in any order, arrays in order, numbers
 * by value (so {@code 120} equals {@code 120.0} and {@code "120"}), date/times by value ({@link
 * Iso8601#same}), {@code _type} only where both sides have it, and the RM defaults in {@link
 * #ADDED_DEFAULTS} may be added. Differences come back as one line per path.
 */
final class JsonDiff {
  private static final int MAX = 25;
  /**
   * Keys the server may add where the sender left them out: RM defaults the SDK writes out
   * (DV_INTERVAL's {@code lower_included}/{@code upper_included}, which Archie defaults to true).
   */
  static final Set<String> ADDED_DEFAULTS = Set.of("lower_included", "upper_included");

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
        if (k.equals("_type") && !(e.has(k) && a.has(k))) {
          continue; // written or left out where it is the attribute's declared type
        }
        if (!e.has(k) && ADDED_DEFAULTS.contains(k)) {
          continue;
        }
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
    } else if (e.isValueNode() && a.isValueNode()) {
      if (!sameValue(e, a)) {
        out.add(path + ": sent " + e + ", read back " + a);
      }
    } else if (!e.equals(a)) {
      out.add((path.isEmpty() ? "/" : path) + ": sent " + brief(e) + ", read back " + brief(a));
    }
  }

  /** Equal as JSON, numbers by value (also when one side writes the number as text), or the same date/time. */
  static boolean sameValue(JsonNode sent, JsonNode back) {
    if (sent.equals(back)) {
      return true;
    }
    BigDecimal sn = number(sent);
    BigDecimal bn = number(back);
    if (sn != null && bn != null) {
      return sn.compareTo(bn) == 0;
    }
    return sent.isTextual() && back.isTextual() && Iso8601.same(sent.asText(), back.asText());
  }

  static String brief(JsonNode n) {
    String s = n == null ? "null" : n.toString();
    return s.length() > 120 ? s.substring(0, 117) + "..." : s;
  }

  /**
   * Whether a FLAT value read back equals the one sent: {@link #sameValue}, plus booleans written as
   * text.
   */
  static boolean sameFlatValue(JsonNode sent, JsonNode back) {
    if (sameValue(sent, back)) {
      return true;
    }
    return sent.isValueNode() && back.isValueNode() && !sent.isNumber() && !back.isNumber()
        && sent.asText().equals(back.asText());
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

  /**
   * Flattens a STRUCTURED simSDT tree to FLAT-like paths for comparison: {@code a/b:1/c|code}, with
   * no index where a node occurs once.
   */
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
      if (n.size() == 1) {
        flatten(path, n.get(0), out); // one occurrence: no index, as in FLAT for single nodes
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
