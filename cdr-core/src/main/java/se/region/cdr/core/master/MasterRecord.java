package se.region.cdr.core.master;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One period of one master-data record, as read from a file line (or from the table, line 0):
 * key and attribute values in the order of its {@link MasterKind}'s columns, and the period
 * [validFrom, validTo), validTo null while open.
 */
record MasterRecord(int line, List<String> key, List<String> attributes, LocalDate validFrom, LocalDate validTo) {
  MasterRecord {
    key = List.copyOf(key);
    attributes = List.copyOf(attributes);
    Objects.requireNonNull(validFrom, "validFrom is null");
  }

  boolean sameValues(MasterRecord other) {
    return attributes.equals(other.attributes) && Objects.equals(validTo, other.validTo);
  }

  boolean covers(LocalDate date) {
    return !date.isBefore(validFrom) && (validTo == null || date.isBefore(validTo));
  }

  MasterRecord withValidTo(LocalDate to) {
    return new MasterRecord(line, key, attributes, validFrom, to);
  }
}
