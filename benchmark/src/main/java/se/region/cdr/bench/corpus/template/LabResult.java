package se.region.cdr.bench.corpus.template;

/** One analyte result of a laboratory report, named by its LOINC code. */
public record LabResult(
    String loincCode, String name, double magnitude, String units, int precision) {}
