package se.region.cdr.bench.write;

/** One corpus line: its position, EHR index, template and the composition JSON as written. */
record CorpusEntry(long seq, int ehr, String templateId, String compositionJson) {}
