package se.region.cdr.loader.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A mapped record: its info, its content and the content hash. The content is either a FLAT object
 * (keys sorted; {@code canonical} null) made by the mapping's rules, or, for a mapping whose records
 * carry whole compositions, the canonical composition as read ({@code flat} null).
 */
public record MappedRecord(RecordInfo info, ObjectNode flat, String contentHash, CanonicalInput canonical) {
  public MappedRecord(RecordInfo info, ObjectNode flat, String contentHash) {
    this(info, flat, contentHash, null);
  }

  static MappedRecord canonical(RecordInfo info, CanonicalInput composition, String contentHash) {
    return new MappedRecord(info, null, contentHash, composition);
  }
}
