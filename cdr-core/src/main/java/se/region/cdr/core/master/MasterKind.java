package se.region.cdr.core.master;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The kinds of master-data file and their CSV columns. Every kind also has {@code valid_from}
 * (required, YYYY-MM-DD) and {@code valid_to} (optional column, exclusive, empty = open). The key
 * columns name a record; the attribute columns are what may change from one period to the next.
 * Table and column names here are constants of this class, never input.
 */
public enum MasterKind {
  REGIONS("regions", "region",
      List.of(new Column("tenant", "tenant", ColumnType.TENANT)),
      List.of(new Column("code", "code", ColumnType.REGION_CODE), Column.of("name", ColumnType.TEXT))),
  PROVIDERS("providers", "care_provider",
      List.of(Column.of("hsa_id", ColumnType.HSA_ID)),
      List.of(Column.of("name", ColumnType.TEXT), Column.of("tenant", ColumnType.TENANT))),
  UNITS("units", "care_unit",
      List.of(Column.of("hsa_id", ColumnType.HSA_ID)),
      List.of(Column.of("name", ColumnType.TEXT), new Column("provider_hsa_id", "provider", ColumnType.HSA_ID),
          Column.of("kind", ColumnType.UNIT_KIND))),
  CODES("codes", "code_list_entry",
      List.of(Column.of("system", ColumnType.CODE_SYSTEM), Column.of("code", ColumnType.CODE)),
      List.of(Column.of("display", ColumnType.TEXT), Column.of("version", ColumnType.TEXT)));

  static final String VALID_FROM = "valid_from";
  static final String VALID_TO = "valid_to";

  private final String label;
  private final String table;
  private final List<Column> keys;
  private final List<Column> attributes;

  MasterKind(String label, String table, List<Column> keys, List<Column> attributes) {
    this.label = label;
    this.table = table;
    this.keys = keys;
    this.attributes = attributes;
  }

  /** The kind named in a URL or command ({@code regions}, {@code providers}, {@code units}, {@code codes}). */
  public static Optional<MasterKind> byLabel(String label) {
    return Stream.of(values()).filter(k -> k.label.equals(label == null ? null : label.toLowerCase(Locale.ROOT))).findFirst();
  }

  public String label() {
    return label;
  }

  String table() {
    return table;
  }

  List<Column> keys() {
    return keys;
  }

  List<Column> attributes() {
    return attributes;
  }

  /** The header a file of this kind has (column order is free; {@code valid_to} may be left out). */
  public List<String> header() {
    return Stream.of(keys.stream().map(Column::name), attributes.stream().map(Column::name), Stream.of(VALID_FROM, VALID_TO))
        .flatMap(s -> s)
        .toList();
  }
}
