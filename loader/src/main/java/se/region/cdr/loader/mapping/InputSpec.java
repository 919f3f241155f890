package se.region.cdr.loader.mapping;

import java.nio.charset.Charset;
import java.util.List;

/**
 * How to read the input. CSV: delimiter, quote character, encoding, and either a header line or
 * the column names. FHIR bundles: the resource types that become records, an optional
 * {@code select} condition (resources failing it are skipped, not rejected: they are not this
 * mapping's), and {@code require} conditions a selected record must meet, else it is rejected with
 * the condition's reason (e.g. an Observation of the right category whose code the mapping has no
 * rules for: {@code unknown_code}). JSON Lines: with {@code composition}, the field of each record
 * that holds a whole canonical openEHR composition.
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
    List<Requirement> require,
    String composition) {

  public InputSpec(InputFormat format, char delimiter, char quote, Charset encoding, boolean header, List<String> columns,
      List<String> resourceTypes, Condition select) {
    this(format, delimiter, quote, encoding, header, columns, resourceTypes, select, List.of(), null);
  }

  /** A condition a selected record must meet, and the reject reason code when it does not. */
  public record Requirement(Condition condition, String reason) {}

  /** Whether records carry whole canonical compositions (in the field {@link #composition}) rather than values for rules. */
  public boolean canonical() {
    return composition != null;
  }
}
