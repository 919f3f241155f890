package se.region.cdr.server.aql;

/**
 * How text of the robot suites' tables reaches the server: Robot Framework unescapes every cell
 * (a run of backslashes halves, an odd one escapes {@code n}, {@code r}, {@code t} or is dropped),
 * and the suites put the value into the JSON text of the request, so a value inside the query's
 * JSON string loses one more level of escapes.
 */
final class RobotText {
  private RobotText() {}

  /** A CSV cell as Robot Framework hands it to the test (its escape processing). */
  static String cell(String raw) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      int run = 0;
      while (i < raw.length() && raw.charAt(i) == '\\') {
        run++;
        i++;
      }
      out.append("\\".repeat(run / 2));
      if (run % 2 == 1 && i < raw.length()) {
        char next = raw.charAt(i);
        switch (next) {
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          default -> out.append(next);
        }
      } else {
        i--;
      }
    }
    return out.toString();
  }

  /** A value placed inside a JSON string literal, as the JSON parser reads it back. */
  static String inJsonString(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        char next = value.charAt(++i);
        out.append(switch (next) {
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          default -> next;
        });
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
