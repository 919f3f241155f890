package se.region.cdr.core.rm;

import java.util.Locale;
import se.region.cdr.core.CdrException;

/** The wire formats a composition can be read and written in. */
public enum CompositionFormat {
  JSON,
  XML,
  /** simSDT FLAT JSON, driven by the template's web template. */
  FLAT,
  /** Structured simSDT JSON, driven by the template's web template. */
  STRUCTURED;

  /** Maps the REST {@code format} query parameter; null means "decide by media type". */
  public static CompositionFormat fromParameter(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw CdrException.badRequest("Unknown format '" + value + "'; use JSON, XML, FLAT or STRUCTURED");
    }
  }

  public boolean needsTemplate() {
    return this == FLAT || this == STRUCTURED;
  }
}
