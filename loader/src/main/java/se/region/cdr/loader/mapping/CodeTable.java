package se.region.cdr.loader.mapping;

import java.util.Map;
import java.util.Optional;

/** Translation of source codes to target codes; a code not in the table is rejected. */
public record CodeTable(Map<String, Code> codes) {
  /** A target code: code string, display value and terminology id. */
  public record Code(String code, String value, String terminology) {}

  public Optional<Code> translate(String sourceCode) {
    return Optional.ofNullable(codes.get(sourceCode.trim()));
  }
}
