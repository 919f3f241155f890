package se.region.cdr.loader.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One field rule: the target FLAT path of the template's web template and where its value comes
 * from (a source column/element, or a constant), with how to parse and translate it.
 *
 * @param name how messages name the rule, e.g. {@code rule 4 (vital_signs/.../systolic)}
 * @param path FLAT path; for CODE and QUANTITY the element path without a {@code |} suffix
 * @param source column (CSV) or element path (JSON, FHIR); null for a constant
 * @param constant the value when there is no source
 * @param required a missing or blank source value rejects the record (else the rule is skipped)
 * @param dateTimePattern parse pattern for DATETIME/DATE (null: ISO-8601)
 * @param decimalComma numbers use a decimal comma ("37,5")
 * @param precision decimals to round numbers and quantities to (null: as read)
 * @param codes code translation (required for CODE)
 * @param units unit conversion (QUANTITY)
 * @param unitSource column/element with the source value's unit (QUANTITY; null: the target unit)
 * @param valuePattern a regular expression the source text must match (null: any)
 * @param when conditions that must all hold for the rule to apply (from enclosing groups)
 */
public record FieldRule(
    String name,
    String path,
    String source,
    JsonNode constant,
    FieldType type,
    boolean required,
    DateTimeFormatter dateTimePattern,
    boolean decimalComma,
    Integer precision,
    CodeTable codes,
    UnitConversion units,
    String unitSource,
    java.util.regex.Pattern valuePattern,
    List<Condition> when) {}
