package se.region.cdr.server;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ISO 8601 dates, times and date-times compared by value for the round-trip tests: basic and
 * extended format, {@code ,} and {@code .} as decimal sign, {@code Z} and {@code +00:00}, and a
 * zero fraction written or not all count as the same. The written precision (which components are
 * present) and the offset must be the same: {@code 10:00} is not {@code 10:00:00}, and
 * {@code 10:00+01:00} is not {@code 09:00Z} (converting to UTC loses the recorded offset).
 * Durations of hours, minutes and seconds compare by length ({@code PT400S} is {@code PT6M40S}).
 */
final class Iso8601 {
  private static final String TIME = "(\\d{2})(?::?(\\d{2})(?::?(\\d{2})(?:[.,](\\d+))?)?)?";
  private static final String ZONE = "(Z|[+-]\\d{2}(?::?\\d{2})?)?";
  private static final Pattern DATE_TIME = Pattern.compile("(\\d{4})(?:-?(\\d{2})(?:-?(\\d{2}))?)?(?:T" + TIME + ")?" + ZONE);
  private static final Pattern TIME_ONLY = Pattern.compile("T?" + TIME + ZONE);

  private Iso8601() {}

  /** Components as written, the fraction as a number, the offset in minutes (null: none). */
  private record Value(String date, String hour, String minute, String second, BigDecimal fraction, Integer offset) {}

  static boolean same(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    if (a.startsWith("P") && b.startsWith("P")) {
      return sameDuration(a, b);
    }
    Value va = parse(a);
    Value vb = parse(b);
    return va != null && va.equals(vb);
  }

  /** Durations with time parts only ({@code PT400S} is {@code PT6M40S}); with date parts, as written. */
  private static boolean sameDuration(String a, String b) {
    try {
      return Duration.parse(a).equals(Duration.parse(b));
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static Value parse(String s) {
    Matcher m = DATE_TIME.matcher(s);
    if (s.length() >= 8 && m.matches() && (m.group(2) != null || s.length() == 4)) {
      String date = m.group(1) + "-" + Objects.toString(m.group(2), "") + "-" + Objects.toString(m.group(3), "");
      return value(date, m.group(4), m.group(5), m.group(6), m.group(7), m.group(8));
    }
    m = TIME_ONLY.matcher(s);
    if (s.contains(":") && m.matches()) {
      return value(null, m.group(1), m.group(2), m.group(3), m.group(4), m.group(5));
    }
    return null;
  }

  private static Value value(String date, String hour, String minute, String second, String fraction, String zone) {
    BigDecimal f = fraction == null ? BigDecimal.ZERO : new BigDecimal("0." + fraction);
    return new Value(date, hour, minute, second, f.stripTrailingZeros(), offset(zone));
  }

  private static Integer offset(String zone) {
    if (zone == null) {
      return null;
    }
    if (zone.equals("Z")) {
      return 0;
    }
    String digits = zone.substring(1).replace(":", "");
    int minutes = Integer.parseInt(digits.substring(0, 2)) * 60 + (digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0);
    return zone.startsWith("-") ? -minutes : minutes;
  }
}
