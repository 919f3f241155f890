package se.region.cdr.loader.mapping;

import java.util.List;

/**
 * What makes a record idempotent: the source system (a constant) and the source fields whose
 * values, joined with '|', form the record key. The subject field, if listed, contributes its pseudonym.
 */
public record RecordKeySpec(String sourceSystem, List<String> fields) {}
