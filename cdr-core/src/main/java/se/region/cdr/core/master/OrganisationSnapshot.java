package se.region.cdr.core.master;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * All regions, providers and units in memory (a region has thousands of units at most), periods
 * sorted per key, so a lookup at a date is a hash and a binary search. Immutable; replaced after
 * every load.
 */
final class OrganisationSnapshot {
  private final Map<String, List<MasterRecord>> regions;
  private final Map<String, List<MasterRecord>> providers;
  private final TreeMap<String, List<MasterRecord>> units;

  private OrganisationSnapshot(List<MasterRecord> regions, List<MasterRecord> providers, List<MasterRecord> units) {
    this.regions = byKey(regions);
    this.providers = byKey(providers);
    this.units = new TreeMap<>(byKey(units));
  }

  static OrganisationSnapshot read(Connection c) throws SQLException {
    return new OrganisationSnapshot(MasterStore.readAll(c, MasterKind.REGIONS), MasterStore.readAll(c, MasterKind.PROVIDERS),
        MasterStore.readAll(c, MasterKind.UNITS));
  }

  Optional<CareUnit> unit(String hsaId, LocalDate at) {
    return at(units.get(hsaId), at).map(u -> unit(u, at));
  }

  List<CareUnit> units(LocalDate at) {
    List<CareUnit> result = new ArrayList<>();
    units.values().forEach(periods -> at(periods, at).ifPresent(u -> result.add(unit(u, at))));
    return result;
  }

  /** Every period of a unit, oldest first, each with its provider and region as at the period's start. */
  List<CareUnit> history(String hsaId) {
    return units.getOrDefault(hsaId, List.of()).stream().map(u -> unit(u, u.validFrom())).toList();
  }

  private CareUnit unit(MasterRecord u, LocalDate at) {
    String providerId = u.attributes().get(1);
    Optional<MasterRecord> provider = at(providers.get(providerId), at);
    Optional<MasterRecord> region = provider.flatMap(p -> at(regions.get(p.attributes().get(1)), at));
    return new CareUnit(u.key().get(0), u.attributes().get(0), u.attributes().get(2), u.validFrom(), u.validTo(), providerId,
        provider.map(p -> p.attributes().get(0)).orElse(null),
        provider.map(p -> Integer.valueOf(p.attributes().get(1))).orElse(null),
        region.map(r -> r.attributes().get(0)).orElse(null),
        region.map(r -> r.attributes().get(1)).orElse(null));
  }

  private static Optional<MasterRecord> at(List<MasterRecord> periods, LocalDate date) {
    return periods == null ? Optional.empty() : Periods.at(periods, date, MasterRecord::validFrom, MasterRecord::validTo);
  }

  static Map<String, List<MasterRecord>> byKey(List<MasterRecord> records) {
    Map<String, List<MasterRecord>> map = new HashMap<>();
    for (MasterRecord r : records) {
      map.computeIfAbsent(String.join("\u0000", r.key()), k -> new ArrayList<>()).add(r);
    }
    map.values().forEach(list -> list.sort(Comparator.comparing(MasterRecord::validFrom)));
    return map;
  }
}
