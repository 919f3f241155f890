package se.region.cdr.bench.corpus.template;

/** One entry of a problem list: an ICD-10 code, its name and the onset (ISO 8601). */
public record Problem(String icd10Code, String name, String onset) {}
