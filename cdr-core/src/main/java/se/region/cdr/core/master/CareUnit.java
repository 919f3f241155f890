package se.region.cdr.core.master;

import java.time.LocalDate;

/**
 * A care unit as it was on a date (or during one of its periods): its own values and period, and
 * its provider and region as they were then (provider and region names null if not stored then).
 */
public record CareUnit(
    String hsaId,
    String name,
    String kind,
    LocalDate validFrom,
    LocalDate validTo,
    String providerHsaId,
    String providerName,
    Integer tenant,
    String regionCode,
    String regionName) {}
