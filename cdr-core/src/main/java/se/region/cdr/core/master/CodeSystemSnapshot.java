package se.region.cdr.core.master;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every code of one code system in memory, periods sorted per code; read on first use, replaced after a load. */
final class CodeSystemSnapshot {
  private final Map<String, List<CodeEntry>> codes;

  private CodeSystemSnapshot(Map<String, List<CodeEntry>> codes) {
    this.codes = codes;
  }

  static CodeSystemSnapshot read(Connection c, String system) throws SQLException {
    Map<String, List<CodeEntry>> codes = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(
        "select code, display, version, valid_from, valid_to from code_list_entry where system = ?")) {
      s.setString(1, system);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Date to = rs.getDate(5);
          CodeEntry e = new CodeEntry(system, rs.getString(1), rs.getString(2), rs.getString(3), rs.getDate(4).toLocalDate(),
              to == null ? null : to.toLocalDate());
          codes.computeIfAbsent(e.code(), k -> new ArrayList<>()).add(e);
        }
      }
    }
    codes.values().forEach(list -> list.sort(Comparator.comparing(CodeEntry::validFrom)));
    return new CodeSystemSnapshot(codes);
  }

  Optional<CodeEntry> code(String code, LocalDate at) {
    List<CodeEntry> periods = codes.get(code);
    return periods == null ? Optional.empty() : Periods.at(periods, at, CodeEntry::validFrom, CodeEntry::validTo);
  }
}
