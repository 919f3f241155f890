package se.region.cdr.loader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ErrorCode;
import se.region.cdr.loader.mapping.Mapping;
import se.region.cdr.loader.mapping.MappingException;

/**
 * The mappings a load can name by id: those shipped in the jar ({@code mappings/*.yaml}) and those
 * uploaded (table {@code load_mapping}, immutable per version). Without a version, the highest
 * semantic version of an id is used.
 */
public final class MappingCatalog {
  /** The mappings shipped under loader/src/main/resources/mappings. */
  public static final List<String> SHIPPED = List.of("vital-signs-csv.yaml", "vital-signs-fhir.yaml", "region-encounters.yaml",
      "region-diagnoses.yaml", "region-medications.yaml", "region-labs.yaml", "region-vitals.yaml", "region-procedures.yaml",
      "region-referrals.yaml", "region-costs.yaml", "region-bed-occupancy.yaml", "synthea-encounters.yaml", "synthea-conditions.yaml",
      "synthea-medication-requests.yaml", "synthea-medication-statements.yaml", "synthea-procedures.yaml", "synthea-vital-signs.yaml",
      "synthea-labs.yaml");

  private final DataSource dataSource;
  private final Loader loader;

  public MappingCatalog(DataSource dataSource, Loader loader) {
    this.dataSource = dataSource;
    this.loader = loader;
  }

  /** The text of a shipped mapping file. */
  public static String shipped(String file) {
    try (InputStream in = MappingCatalog.class.getClassLoader().getResourceAsStream("mappings/" + file)) {
      if (in == null) {
        throw new IllegalStateException("mappings/" + file + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Finds a mapping by id (and version, or the highest); 404 when there is none. */
  public Mapping find(String id, String version) {
    TreeMap<String, Mapping> versions = new TreeMap<>(Comparator.comparing(MappingCatalog::semverKey));
    for (String file : SHIPPED) {
      Mapping m = loader.parseAndCheck(shipped(file));
      if (m.id().equals(id)) {
        versions.put(m.version(), m);
      }
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("select version, body from load_mapping where mapping_id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          versions.put(rs.getString(1), loader.parseAndCheck(rs.getString(2)));
        }
      }
    } catch (SQLException e) {
      throw new CdrException(ErrorCode.INTERNAL, "Could not read mappings: " + e.getMessage(), e);
    }
    Optional<Mapping> found = version == null || version.isBlank() ? Optional.ofNullable(versions.lastEntry()).map(e -> e.getValue())
        : Optional.ofNullable(versions.get(version));
    return found.orElseThrow(() -> CdrException.notFound("Mapping " + id + (version == null ? "" : " " + version) + " not found"));
  }

  /** Stores an uploaded mapping after checking it; its id and version must match the path. 409 if that version exists. */
  public Mapping upload(String id, String version, String body) {
    Mapping m = loader.parseAndCheck(body);
    if (!m.id().equals(id) || !m.version().equals(version)) {
      throw new MappingException("mapping file says " + m.label() + " but was uploaded as " + id + " " + version);
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "insert into load_mapping (mapping_id, version, body) values (?,?,?) on conflict do nothing")) {
      ps.setString(1, id);
      ps.setString(2, version);
      ps.setString(3, body);
      if (ps.executeUpdate() == 0) {
        throw CdrException.conflict("Mapping " + id + " " + version + " exists; upload a new version");
      }
    } catch (SQLException e) {
      throw new CdrException(ErrorCode.INTERNAL, "Could not store mapping: " + e.getMessage(), e);
    }
    return m;
  }

  private static String semverKey(String v) {
    StringBuilder b = new StringBuilder();
    for (String part : v.split("[-+]", 2)[0].split("\\.")) {
      b.append(String.format("%010d", Long.parseLong(part)));
    }
    return b.append(v.contains("-") ? "0" : "1").append(v).toString();
  }
}
