package se.region.cdr.server.aql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small INI-like format of the suite's descriptor files: {@code [section]} headers, then
 * {@code key = value} lines (a key may repeat; order is kept); {@code #} starts a comment line;
 * a line starting with whitespace continues the previous value (joined with one space).
 */
final class Sections {
  private Sections() {}

  record Entry(String key, String value, int line) {}

  static Map<String, List<Entry>> parse(String text, String source) {
    Map<String, List<Entry>> sections = new LinkedHashMap<>();
    List<Entry> current = null;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String raw = lines[i];
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (Character.isWhitespace(raw.charAt(0)) && current != null && !current.isEmpty()) {
        Entry last = current.remove(current.size() - 1);
        current.add(new Entry(last.key(), last.value() + " " + line, last.line()));
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        String name = line.substring(1, line.length() - 1).strip();
        if (sections.containsKey(name)) {
          throw new IllegalArgumentException(source + ":" + (i + 1) + ": section [" + name + "] twice");
        }
        current = new ArrayList<>();
        sections.put(name, current);
        continue;
      }
      int eq = line.indexOf('=');
      if (current == null || eq < 0) {
        throw new IllegalArgumentException(source + ":" + (i + 1) + ": expected [section] or key = value: " + line);
      }
      current.add(new Entry(line.substring(0, eq).strip(), line.substring(eq + 1).strip(), i + 1));
    }
    return sections;
  }

  /** The last value of {@code key}, or {@code fallback}. */
  static String value(List<Entry> entries, String key, String fallback) {
    String v = fallback;
    for (Entry e : entries) {
      if (e.key().equals(key)) {
        v = e.value();
      }
    }
    return v;
  }
}
