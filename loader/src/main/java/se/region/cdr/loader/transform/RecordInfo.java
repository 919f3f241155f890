package se.region.cdr.loader.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the loader keeps about a source record besides its content: position, record key,
 * pseudonym (null when the subject was missing) and the source with the identity replaced by the
 * pseudonym (for the quarantine).
 */
public record RecordInfo(long number, long line, String recordKey, String pseudonym, ObjectNode scrubbedSource) {}
