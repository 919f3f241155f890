package se.region.cdr.server.aql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A list of case ids with a one-line reason each, {@code <case id> | <reason>} per line ({@code #}
 * comments and blank lines ignored). An id ending in {@code *} names every case starting with the
 * rest (e.g. all rows of one table). Used for {@code aql-conformance/unsupported.txt}.
 */
final class ReasonList {
  private final Map<String, String> reasons;

  private ReasonList(Map<String, String> reasons) {
    this.reasons = reasons;
  }

  static ReasonList parse(String text, String source) {
    Map<String, String> reasons = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int bar = line.indexOf(" | ");
      if (bar < 0) {
        throw new IllegalArgumentException(source + ":" + (i + 1) + ": expected '<case> | <reason>': " + line);
      }
      reasons.put(line.substring(0, bar).strip(), line.substring(bar + 3).strip());
    }
    return new ReasonList(reasons);
  }

  /** The reason listed for {@code id}, or null. */
  String reason(String id) {
    String exact = reasons.get(id);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, String> e : reasons.entrySet()) {
      String key = e.getKey();
      if (key.endsWith("*") && id.startsWith(key.substring(0, key.length() - 1))) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Listed ids (or prefixes) that match none of {@code ids}. */
  List<String> orphans(Collection<String> ids) {
    List<String> orphans = new ArrayList<>();
    for (String key : reasons.keySet()) {
      boolean used = key.endsWith("*")
          ? ids.stream().anyMatch(id -> id.startsWith(key.substring(0, key.length() - 1)))
          : ids.contains(key);
      if (!used) {
        orphans.add(key);
      }
    }
    return orphans;
  }
}
