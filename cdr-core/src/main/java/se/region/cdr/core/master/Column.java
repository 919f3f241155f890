package se.region.cdr.core.master;

import static java.util.Objects.requireNonNull;

/** A CSV column of a master-data file: its header name, the table column it fills and its type. */
record Column(String name, String dbColumn, ColumnType type) {
  Column {
    requireNonNull(name, "name is null");
    requireNonNull(dbColumn, "dbColumn is null");
    requireNonNull(type, "type is null");
  }

  static Column of(String name, ColumnType type) {
    return new Column(name, name, type);
  }
}
