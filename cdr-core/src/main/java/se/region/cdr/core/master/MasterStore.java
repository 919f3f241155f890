package se.region.cdr.core.master;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * SQL for the versioned master-data tables. Statements are built from the constant table and
 * column names of {@link MasterKind}; every value is a bound parameter.
 */
final class MasterStore {
  private MasterStore() {}

  /** Serialises loads of one kind (a transaction-scoped advisory lock). */
  static void lock(Connection c, MasterKind kind) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
      s.setString(1, "cdr.master." + kind.label());
      s.executeQuery().close();
    }
  }

  static List<MasterRecord> readAll(Connection c, MasterKind kind) throws SQLException {
    List<Column> columns = columns(kind);
    String sql = "select " + columns.stream().map(Column::dbColumn).collect(Collectors.joining(", "))
        + ", valid_from, valid_to from " + kind.table();
    List<MasterRecord> records = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
      int keys = kind.keys().size();
      while (rs.next()) {
        List<String> values = new ArrayList<>(columns.size());
        for (int i = 1; i <= columns.size(); i++) {
          values.add(rs.getString(i));
        }
        Date to = rs.getDate(columns.size() + 2);
        records.add(new MasterRecord(0, values.subList(0, keys), values.subList(keys, values.size()),
            rs.getDate(columns.size() + 1).toLocalDate(), to == null ? null : to.toLocalDate()));
      }
    }
    return records;
  }

  /** Records that refer to a region or provider that is not stored (any period counts). */
  static List<LoadProblem> missingReferences(Connection c, MasterKind kind, List<MasterRecord> records, String source) throws SQLException {
    String column;
    String sql;
    if (kind == MasterKind.PROVIDERS) {
      column = "tenant";
      sql = "select distinct tenant::text from region where tenant = any (?::smallint[])";
    } else if (kind == MasterKind.UNITS) {
      column = "provider_hsa_id";
      sql = "select distinct hsa_id from care_provider where hsa_id = any (?)";
    } else {
      return List.of();
    }
    int index = kind.attributes().stream().map(Column::name).toList().indexOf(column);
    Set<String> wanted = records.stream().map(r -> r.attributes().get(index)).collect(Collectors.toCollection(HashSet::new));
    Set<String> found = new HashSet<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setArray(1, c.createArrayOf("text", wanted.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getString(1));
        }
      }
    }
    String what = kind == MasterKind.PROVIDERS ? "region with tenant" : "care provider";
    return records.stream()
        .filter(r -> !found.contains(r.attributes().get(index)))
        .map(r -> new LoadProblem(source, r.line(), column, "no " + what + " " + r.attributes().get(index) + " is stored; load it first"))
        .toList();
  }

  static void write(Connection c, MasterKind kind, VersionPlan plan) throws SQLException {
    if (kind == MasterKind.REGIONS) {
      ensureTenants(c, plan.inserts());
    } else if (kind == MasterKind.CODES) {
      ensureCodeLists(c, plan.inserts());
    }
    List<Column> columns = columns(kind);
    String keyMatch = kind.keys().stream().map(k -> k.dbColumn() + " = ?").collect(Collectors.joining(" and "));
    try (PreparedStatement s = c.prepareStatement("update " + kind.table() + " set valid_to = ? where " + keyMatch + " and valid_from = ?")) {
      for (MasterRecord r : plan.closes()) {
        setDate(s, 1, r.validTo());
        int i = 2;
        for (int k = 0; k < kind.keys().size(); k++) {
          bind(s, i++, kind.keys().get(k), r.key().get(k));
        }
        setDate(s, i, r.validFrom());
        s.addBatch();
      }
      s.executeBatch();
    }
    String insert = "insert into " + kind.table() + " (" + columns.stream().map(Column::dbColumn).collect(Collectors.joining(", "))
        + ", valid_from, valid_to) values (" + String.join(", ", Collections.nCopies(columns.size() + 2, "?")) + ")";
    try (PreparedStatement s = c.prepareStatement(insert)) {
      for (MasterRecord r : plan.inserts()) {
        List<String> values = Stream.concat(r.key().stream(), r.attributes().stream()).toList();
        for (int i = 0; i < columns.size(); i++) {
          bind(s, i + 1, columns.get(i), values.get(i));
        }
        setDate(s, columns.size() + 1, r.validFrom());
        setDate(s, columns.size() + 2, r.validTo());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** EHRs and compositions refer to the tenant table; a region's tenant is created with it. */
  private static void ensureTenants(Connection c, List<MasterRecord> regions) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("insert into tenant (id, code, name) values (?, ?, ?) on conflict do nothing")) {
      for (MasterRecord r : regions) {
        s.setShort(1, Short.parseShort(r.key().get(0)));
        s.setString(2, "region-" + r.key().get(0));
        s.setString(3, r.attributes().get(1));
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** Each (system, version) delivered gets a code_list row; a newer version closes the open older ones. */
  private static void ensureCodeLists(Connection c, List<MasterRecord> entries) throws SQLException {
    Map<List<String>, LocalDate> versions = new LinkedHashMap<>();
    for (MasterRecord r : entries) {
      versions.merge(List.of(r.key().get(0), r.attributes().get(1)), r.validFrom(), (a, b) -> a.isBefore(b) ? a : b);
    }
    try (PreparedStatement upsert = c.prepareStatement(
            "insert into code_list (system, version, valid_from) values (?, ?, ?) "
                + "on conflict (system, version) do update set valid_from = least(code_list.valid_from, excluded.valid_from)");
        PreparedStatement close = c.prepareStatement(
            "update code_list set valid_to = ? where system = ? and version <> ? and valid_to is null and valid_from < ?")) {
      for (var e : versions.entrySet()) {
        upsert.setString(1, e.getKey().get(0));
        upsert.setString(2, e.getKey().get(1));
        setDate(upsert, 3, e.getValue());
        upsert.addBatch();
        setDate(close, 1, e.getValue());
        close.setString(2, e.getKey().get(0));
        close.setString(3, e.getKey().get(1));
        setDate(close, 4, e.getValue());
        close.addBatch();
      }
      upsert.executeBatch();
      close.executeBatch();
    }
  }

  private static List<Column> columns(MasterKind kind) {
    return Stream.concat(kind.keys().stream(), kind.attributes().stream()).toList();
  }

  private static void bind(PreparedStatement s, int index, Column column, String value) throws SQLException {
    if (column.type() == ColumnType.TENANT) {
      s.setShort(index, Short.parseShort(value));
    } else {
      s.setString(index, value);
    }
  }

  private static void setDate(PreparedStatement s, int index, LocalDate date) throws SQLException {
    if (date == null) {
      s.setNull(index, Types.DATE);
    } else {
      s.setObject(index, date);
    }
  }
}
