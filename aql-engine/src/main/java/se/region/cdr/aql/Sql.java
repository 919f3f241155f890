package se.region.cdr.aql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SQL statement under construction: joins in order, conditions, and bound values. Values never
 * enter the text: {@link #bind} returns a marker, and {@link #finish} turns markers into {@code ?}
 * with the values in text order (joins and conditions are built in any order).
 */
final class Sql {
  private static final Pattern MARKER = Pattern.compile("\\$P(\\d+)\\$");

  private final List<Object> values;
  private final int[] aliases;
  private final boolean unrollsLists;
  final StringBuilder from = new StringBuilder();
  final List<String> where = new ArrayList<>();

  Sql() {
    this(new ArrayList<>(), new int[1], true);
  }

  private Sql(List<Object> values, int[] aliases, boolean unrollsLists) {
    this.values = values;
    this.aliases = aliases;
    this.unrollsLists = unrollsLists;
  }

  /** A nested statement (an EXISTS subquery) sharing bound values and alias numbering. */
  Sql nested() {
    return new Sql(values, aliases, false);
  }

  /** A nested statement whose list steps unroll into rows like the main one's (see {@link PathGroups}). */
  Sql nestedRows() {
    return new Sql(values, aliases, true);
  }

  /** True when a path's list steps give one row per element here (main statement, path group), not an EXISTS filter. */
  boolean unrollsLists() {
    return unrollsLists;
  }

  String alias(String prefix) {
    return prefix + (++aliases[0]);
  }

  /** Binds a value and returns its marker. */
  String bind(Object value) {
    values.add(value);
    return "$P" + (values.size() - 1) + "$";
  }

  void join(String clause) {
    from.append('\n').append(clause);
  }

  String whereText() {
    return where.isEmpty() ? "" : "\nwhere " + String.join("\n  and ", where);
  }

  /** The final statement text with {@code ?} markers and its parameters in marker order. */
  Statement finish(String text) {
    Matcher m = MARKER.matcher(text);
    StringBuilder out = new StringBuilder();
    List<Object> ordered = new ArrayList<>();
    while (m.find()) {
      ordered.add(values.get(Integer.parseInt(m.group(1))));
      m.appendReplacement(out, "?");
    }
    m.appendTail(out);
    return new Statement(out.toString(), ordered);
  }

  /**
   * The text for a stored statement run by PL/pgSQL {@code EXECUTE ... USING}: each bound value
   * becomes an element of the {@code text[]} parameter {@code $1} (cast back to its type), so values
   * stay out of the text here too.
   */
  Statement finishAsArray(String text) {
    Matcher m = MARKER.matcher(text);
    StringBuilder out = new StringBuilder();
    List<Object> ordered = new ArrayList<>();
    while (m.find()) {
      Object value = values.get(Integer.parseInt(m.group(1)));
      String cast;
      if (value instanceof String) {
        cast = "";
      } else if (value instanceof java.math.BigDecimal) {
        cast = "::numeric";
      } else if (value instanceof Long) {
        cast = "::bigint";
      } else if (value instanceof Boolean) {
        cast = "::boolean";
      } else {
        throw new IllegalArgumentException("Cannot store a bound " + value.getClass().getSimpleName());
      }
      ordered.add(String.valueOf(value));
      m.appendReplacement(out, "(\\$1[" + ordered.size() + "])" + cast);
    }
    m.appendTail(out);
    return new Statement(out.toString(), ordered);
  }

  /** A statement ready for JDBC. */
  record Statement(String text, List<Object> params) {}
}
