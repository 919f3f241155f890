package se.region.cdr.aql;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import se.region.cdr.core.CdrException;

/**
 * Typed comparisons of stored JSON values: numbers compare as numbers, ISO 8601 dates and
 * date-times as instants (offsets honoured, partial dates allowed), whole durations as intervals, other
 * strings as text, booleans as booleans. A value of another type than the constant does not match
 * (a text "2" is not the number 2). A whole data value object compares as the ordered value it
 * stands for: by its magnitude with a number (DV_QUANTITY, DV_COUNT, DV_PROPORTION, DV_ORDINAL), by
 * its value with a date, date-time, time or duration; never with other text or a boolean (DV_TEXT,
 * DV_BOOLEAN are not ordered). A missing value compares as false, so NOT behaves as users expect.
 */
final class Comparisons {
  private static final Pattern DATE = Pattern.compile("^\\d{4}(-\\d{2}(-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}([.,]\\d+)?)?)?(Z|[+-]\\d{2}(:?\\d{2})?)?)?)?$");
  private static final Pattern TIME = Pattern.compile("^T?\\d{2}:\\d{2}(:\\d{2}([.,]\\d+)?)?(Z|[+-]\\d{2}(:?\\d{2})?)?$");
  /** ISO 8601 durations PostgreSQL reads as intervals (at least one component). */
  static final String DURATION = "^-?P(?=\\d|T\\d)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$";
  private static final Pattern DURATION_PATTERN = Pattern.compile(DURATION);

  private Comparisons() {}

  static String operator(String symbol) {
    return switch (symbol) {
      case "=" -> "=";
      case "!=", "<>" -> "<>";
      case ">", ">=", "<", "<=" -> symbol;
      default -> throw CdrException.badRequest("Unsupported comparison operator " + symbol);
    };
  }

  static boolean isDate(String s) {
    return s.length() >= 7 && DATE.matcher(s).matches();
  }

  /** A string that compares as text: not a date, date-time, duration or time. */
  static boolean isPlainText(String s) {
    return !isDate(s) && !isDuration(s) && !TIME.matcher(s).matches();
  }

  static boolean isDuration(String s) {
    return DURATION_PATTERN.matcher(s).matches();
  }

  /** {@code left} (jsonb SQL) compared with a constant (see {@link Operands#constant}). */
  static String compare(String path, String symbol, Object value, Sql sql) {
    return compare(path, symbol, value, sql, false);
  }

  /**
   * {@code left} (jsonb SQL) compared with a constant. {@code untyped}: the constant is a query
   * parameter, whose value may come from a URL without a type, so a number also matches text that
   * reads the same.
   */
  static String compare(String path, String symbol, Object value, Sql sql, boolean untyped) {
    String op = operator(symbol);
    String left = "aql_dv(" + path + ")"; // a data value object compares by its magnitude or value
    if (value == Operands.NULL) {
      return op.equals("=") ? "(" + path + " is null)" : op.equals("<>") ? "(" + path + " is not null)" : "false";
    }
    if (value instanceof Number n) {
      String number = "aql_num(" + left + ") " + op + " " + sql.bind(new BigDecimal(n.toString())) + "::numeric";
      if (!untyped) {
        return "coalesce(" + number + ", false)";
      }
      return "coalesce(" + number + ", case when jsonb_typeof(" + path + ") = 'string' then " + path + " #>> '{}' " + op + " "
          + sql.bind(n.toString()) + " end, false)";
    }
    if (value instanceof Boolean b) {
      return "coalesce(jsonb_typeof(" + path + ") = 'boolean' and " + path + " " + op + " to_jsonb(" + sql.bind(b) + "::boolean), false)";
    }
    if (value instanceof String s) {
      String scalar = "case when jsonb_typeof(" + path + ") = 'string' then " + path + " #>> '{}' " + op + " " + sql.bind(s) + " end";
      if (isDate(s)) {
        return "coalesce(aql_ts(aql_text(" + left + ")) " + op + " aql_ts(" + sql.bind(s) + "), aql_text(" + left + ") " + op + " " + sql.bind(s)
            + ", false)";
      }
      if (isDuration(s)) {
        String stored = "aql_text(" + left + ")";
        // a whole DV_DURATION compares by its length; its value (a String) compares as text
        return "coalesce(case when jsonb_typeof(" + path + ") = 'object' and " + stored + " ~ " + sql.bind(DURATION) + " then " + stored
            + "::interval " + op + " " + sql.bind(s) + "::interval end, " + scalar + ", false)";
      }
      if (TIME.matcher(s).matches()) {
        return "coalesce(aql_text(" + left + ") " + op + " " + sql.bind(s) + ", false)";
      }
      return "coalesce(" + scalar + ", false)";
    }
    throw CdrException.badRequest("Unsupported operand " + value);
  }

  /** Two jsonb SQL values compared with the same typed rules. */
  static String compareValues(String leftPath, String symbol, String rightPath) {
    String op = operator(symbol);
    String left = "aql_dv(" + leftPath + ")";
    String right = "aql_dv(" + rightPath + ")";
    return "coalesce(aql_num(" + left + ") " + op + " aql_num(" + right + "), aql_ts(aql_text(" + left + ")) " + op + " aql_ts(aql_text(" + right
        + ")), aql_text(" + left + ") " + op + " aql_text(" + right + "), " + left + " " + op + " " + right + ", false)";
  }
}
