package se.region.cdr.loader.store;

import se.region.cdr.core.store.StoredContent;
import se.region.cdr.loader.transform.MappedRecord;
import se.region.cdr.loader.transform.RecordInfo;
import se.region.cdr.loader.transform.Rejection;

/** What the parallel stage made of one record, handed to the writer in input order. */
public sealed interface Outcome {
  long number();

  /** Mapped and validated: content ready to store, nodes in their stored (compact) form. */
  record Ready(MappedRecord record, StoredContent content) implements Outcome {
    public long number() {
      return record.info().number();
    }
  }

  /** Mapped, and the stored record with this key has the same content hash (checked again by the writer). */
  record SameAsStored(MappedRecord record) implements Outcome {
    public long number() {
      return record.info().number();
    }
  }

  /** Not loadable: goes to the quarantine. */
  record Rejected(RecordInfo info, Rejection why) implements Outcome {
    public long number() {
      return info.number();
    }
  }

  /** Not a record this mapping consumes (the input's select condition). */
  record Skipped(long number) implements Outcome {}
}
