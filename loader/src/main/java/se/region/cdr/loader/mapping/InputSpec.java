package se.region.cdr.loader.mapping;

import java.nio.charset.Charset;
import java.util.List;

/**
 * How to read the input. CSV: delimiter, quote character, encoding, and either a header line or
 * the column names. FHIR bundles: the resource types that become records, and an optional
 * {@code select} condition (resources failing it are skipped, not rejected). JSON Lines: with
 * {@code composition}, the field of each record that holds a whole canonical openEHR composition.
 */
public record InputSpec(
    InputFormat format,
    char delimiter,
    char quote,
    Charset encoding,
    boolean header,
    List<String> columns,
    List<String> resourceTypes,
    Condition select,
    String composition) {

  /** Whether records carry whole canonical compositions (in the field {@link #composition}) rather than values for rules. */
  public boolean canonical() {
    return composition != null;
  }
}
