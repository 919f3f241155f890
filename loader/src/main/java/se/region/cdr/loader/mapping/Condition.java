package se.region.cdr.loader.mapping;

import java.util.List;

/**
 * A test on one source value: present (non-blank), equal to a value, or one of several values.
 * Used for rule groups ({@code when}) and for selecting FHIR resources.
 */
public record Condition(String source, List<String> anyOf, boolean presentOnly) {
  public boolean test(String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    return presentOnly || anyOf.contains(value.trim());
  }

  @Override
  public String toString() {
    return presentOnly ? source + " present" : source + " in " + anyOf;
  }
}
