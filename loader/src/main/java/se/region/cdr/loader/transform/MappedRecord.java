package se.region.cdr.loader.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A record mapped to FLAT: its info, the FLAT object (keys sorted) and the content hash. */
public record MappedRecord(RecordInfo info, ObjectNode flat, String contentHash) {}
