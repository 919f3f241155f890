package se.region.cdr.synthetic;

import java.time.LocalDate;

/**
 * One period of a care unit: HSA-id, name, provider, kind, specialty, where it is (municipality
 * code; for hospital units the hospital's), beds (wards only) and [validFrom, validTo).
 */
record Unit(String hsaId, String name, String providerHsaId, UnitKind kind, Specialty specialty, String hospital,
    String municipality, int beds, LocalDate validFrom, LocalDate validTo) {
  boolean validAt(LocalDate date) {
    return !date.isBefore(validFrom) && (validTo == null || date.isBefore(validTo));
  }
}
