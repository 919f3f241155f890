package se.region.cdr.loader.transform;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;

/**
 * Parsing of source text: numbers (optionally with a decimal comma and spaces as thousands
 * separators) and date-times. A date-time with an offset keeps it; a local one is placed in the
 * mapping's time zone (in a DST gap it moves forward by the gap, in an overlap the earlier offset
 * is taken, as {@link ZonedDateTime#of} does).
 */
public final class ValueParsers {
  private ValueParsers() {}

  public static BigDecimal number(String text, boolean decimalComma) {
    String t = text.trim().replace("\u00a0", "").replace(" ", "");
    if (decimalComma) {
      t = t.replace(',', '.');
    }
    return new BigDecimal(t); // NumberFormatException for anything else
  }

  /** ISO-8601 date-time with offset, e.g. 2025-03-14T09:35:00+01:00. */
  public static String dateTime(String text, DateTimeFormatter pattern, ZoneId zone) {
    String t = text.trim();
    OffsetDateTime odt;
    if (pattern == null) {
      try {
        odt = OffsetDateTime.parse(t);
      } catch (DateTimeParseException e) {
        odt = ZonedDateTime.of(LocalDateTime.parse(t), zone).toOffsetDateTime();
      }
    } else {
      TemporalAccessor parsed = pattern.parse(t);
      LocalDateTime local = LocalDateTime.from(parsed);
      if (parsed.query(TemporalQueries.offset()) != null) {
        odt = OffsetDateTime.of(local, parsed.query(TemporalQueries.offset()));
      } else if (parsed.query(TemporalQueries.zone()) != null) {
        odt = ZonedDateTime.of(local, parsed.query(TemporalQueries.zone())).toOffsetDateTime();
      } else {
        odt = ZonedDateTime.of(local, zone).toOffsetDateTime();
      }
    }
    return odt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  /** ISO-8601 date, e.g. 2025-03-14. */
  public static String date(String text, DateTimeFormatter pattern) {
    String t = text.trim();
    return (pattern == null ? LocalDate.parse(t) : LocalDate.from(pattern.parse(t))).toString();
  }
}
