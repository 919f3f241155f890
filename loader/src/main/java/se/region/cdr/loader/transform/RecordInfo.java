package se.region.cdr.loader.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;

/**
 * What the loader keeps about a source record besides its content: position, record key,
 * pseudonym (null when the subject was missing) and the source with the identity replaced by the
 * pseudonym (for the quarantine; made only when asked for, as most records are never quarantined).
 */
public record RecordInfo(long number, long line, String recordKey, String pseudonym, Supplier<ObjectNode> scrubbed) {
  public RecordInfo(long number, long line, String recordKey, String pseudonym, ObjectNode scrubbedSource) {
    this(number, line, recordKey, pseudonym, () -> scrubbedSource);
  }

  /** The source record with the identity replaced by the pseudonym. */
  public ObjectNode scrubbedSource() {
    return scrubbed.get();
  }
}
