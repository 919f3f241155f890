package se.region.cdr.loader.mapping;

import java.nio.charset.Charset;
import java.util.List;

/**
 * How to read the input. CSV: delimiter, quote character, encoding, and either a header line or
 * the column names. FHIR bundles: the resource types that become records, and an optional
 * {@code select} condition (resources failing it are skipped, not rejected).
 */
public record InputSpec(
    InputFormat format,
    char delimiter,
    char quote,
    Charset encoding,
    boolean header,
    List<String> columns,
    List<String> resourceTypes,
    Condition select) {}
