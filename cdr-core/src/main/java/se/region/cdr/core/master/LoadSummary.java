package se.region.cdr.core.master;

/**
 * What loading one file did, counted per record line: {@code inserted} records of keys not stored
 * before, {@code changed} records that opened a new period or closed one, {@code unchanged}
 * records already stored as they are.
 */
public record LoadSummary(String kind, String source, int records, int inserted, int changed, int unchanged) {}
