package se.region.cdr.loader.mapping;

import java.util.Locale;

/**
 * How a field rule turns its source text into FLAT values. {@code CODE} writes {@code |code},
 * {@code |value} and {@code |terminology}; {@code QUANTITY} writes {@code |magnitude} and {@code |unit};
 * the others write one value at the rule's path.
 */
public enum FieldType {
  TEXT, NUMBER, INTEGER, BOOLEAN, DATETIME, DATE, CODE, QUANTITY;

  static FieldType parse(String text, String where) {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new MappingException(where + ": type '" + text + "' is not one of text, number, integer, boolean, datetime, date, code, quantity");
    }
  }
}
