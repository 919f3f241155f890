package se.region.cdr.loader.master;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ErrorCode;
import se.region.cdr.core.master.CareUnit;
import se.region.cdr.core.master.CodeEntry;
import se.region.cdr.core.master.MasterData;

/**
 * What the loader asks master data: whether care units and which code lists are loaded at all (read
 * once per load), and the unit or code valid on a date ({@link MasterData}'s in-memory snapshots).
 * An interface so the check can be unit-tested without a database.
 */
public interface MasterDataView {
  /** Whether any care unit is loaded; without units the care-unit check is off. */
  boolean hasCareUnits();

  /** Whether a code list of this system (e.g. {@code ICD-10-SE}) is loaded; only such codes are checked. */
  boolean hasCodeList(String system);

  Optional<CareUnit> careUnit(String hsaId, LocalDate at);

  /** Whether the unit has any period in master data (to tell "unknown" from "not valid then"). */
  boolean knowsCareUnit(String hsaId);

  Optional<CodeEntry> code(String system, String code, LocalDate at);

  /** The master data of a database as it is now (what is loaded is read once, here). */
  static MasterDataView of(DataSource dataSource) {
    requireNonNull(dataSource, "dataSource is null");
    MasterData master = MasterData.of(dataSource);
    boolean units;
    Set<String> systems = new HashSet<>();
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement("select exists (select 1 from care_unit)"); ResultSet rs = ps.executeQuery()) {
        rs.next();
        units = rs.getBoolean(1);
      }
      try (PreparedStatement ps = c.prepareStatement("select distinct system from code_list"); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          systems.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new CdrException(ErrorCode.INTERNAL, "Could not read master data: " + e.getMessage(), e);
    }
    return new MasterDataView() {
      @Override
      public boolean hasCareUnits() {
        return units;
      }

      @Override
      public boolean hasCodeList(String system) {
        return systems.contains(system);
      }

      @Override
      public Optional<CareUnit> careUnit(String hsaId, LocalDate at) {
        return master.careUnit(hsaId, at);
      }

      @Override
      public boolean knowsCareUnit(String hsaId) {
        return !master.careUnitHistory(hsaId).isEmpty();
      }

      @Override
      public Optional<CodeEntry> code(String system, String code, LocalDate at) {
        return master.code(system, code, at);
      }
    };
  }
}
