package se.region.cdr.server.aql;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the conformance tables: Python's {@code excel} dialect as Robot's DataDriver reads them
 * (comma separated, fields in double quotes may hold commas, quotes doubled inside, CRLF or LF).
 */
final class Csv {
  private Csv() {}

  /** All records, the header first; blank lines are dropped. */
  static List<List<String>> parse(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStarted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
        fieldStarted = true;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
        fieldStarted = true;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        endRecord(records, record, field, fieldStarted);
        record = new ArrayList<>();
        field.setLength(0);
        fieldStarted = false;
      } else {
        field.append(c);
        fieldStarted = true;
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quoted field in record " + (records.size() + 1));
    }
    endRecord(records, record, field, fieldStarted);
    return records;
  }

  private static void endRecord(List<List<String>> records, List<String> record, StringBuilder field, boolean started) {
    if (!started && record.isEmpty()) {
      return;
    }
    record.add(field.toString());
    records.add(record);
  }
}
