package se.region.cdr.loader.mapping;

import java.util.Locale;

/** The input formats a mapping can read. */
public enum InputFormat {
  CSV, JSONL, FHIR_BUNDLE;

  static InputFormat parse(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "csv" -> CSV;
      case "jsonl", "ndjson", "json-lines" -> JSONL;
      case "fhir-bundle", "fhir" -> FHIR_BUNDLE;
      default -> throw new MappingException("input.format '" + text + "' is not one of csv, jsonl, fhir-bundle");
    };
  }
}
