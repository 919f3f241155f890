package se.region.cdr.aql;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import se.region.cdr.core.CdrException;

/**
 * Typed comparisons of stored JSON values: numbers compare as numbers, ISO 8601 dates and
 * date-times as instants (offsets honoured, partial dates allowed), other strings as text, booleans
 * as booleans. A missing value compares as false, so NOT behaves as users expect.
 */
final class Comparisons {
  private static final Pattern DATE = Pattern.compile("^\\d{4}(-\\d{2}(-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}([.,]\\d+)?)?)?(Z|[+-]\\d{2}(:?\\d{2})?)?)?)?$");

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

  /** {@code left} (jsonb SQL) compared with a constant (see {@link Operands#constant}). */
  static String compare(String path, String symbol, Object value, Sql sql) {
    String op = operator(symbol);
    String left = "aql_dv(" + path + ")"; // a data value object compares by its magnitude or value
    if (value == Operands.NULL) {
      return op.equals("=") ? "(" + path + " is null)" : op.equals("<>") ? "(" + path + " is not null)" : "false";
    }
    if (value instanceof Number n) {
      // numbers compare as numbers; a number given for a text value (a GET parameter) compares as text
      return "coalesce(aql_num(" + left + ") " + op + " " + sql.bind(new BigDecimal(n.toString())) + "::numeric, case when jsonb_typeof(" + left
          + ") = 'string' then " + left + " #>> '{}' " + op + " " + sql.bind(n.toString()) + " end, false)";
    }
    if (value instanceof Boolean b) {
      return "coalesce(" + left + " " + op + " to_jsonb(" + sql.bind(b) + "::boolean), false)";
    }
    if (value instanceof String s) {
      if (isDate(s)) {
        return "coalesce(aql_ts(aql_text(" + left + ")) " + op + " aql_ts(" + sql.bind(s) + "), aql_text(" + left + ") " + op + " " + sql.bind(s) + ", false)";
      }
      return "coalesce(aql_text(" + left + ") " + op + " " + sql.bind(s) + ", false)";
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
