package se.region.cdr.synthetic;

import java.time.LocalDate;

/**
 * What to generate: the seed, the number of patients, the first day and the number of years of
 * care, and the region (tenant number, two-digit code, name). Same parameters, same bytes.
 */
record RegionParameters(long seed, int patients, int years, LocalDate start, int tenant, String regionCode, String regionName) {
  static final int DEFAULT_TENANT = 99;
  static final String DEFAULT_REGION_CODE = "99";
  static final String DEFAULT_REGION_NAME = "Region Exempelland";

  RegionParameters {
    if (patients < 1) {
      throw new IllegalArgumentException("--patients must be at least 1, not " + patients);
    }
    if (years < 1 || years > 30) {
      throw new IllegalArgumentException("--years must be 1 to 30, not " + years);
    }
    if (start == null || start.getYear() < 1950 || start.getYear() > 2100) {
      throw new IllegalArgumentException("--start must be a date between 1950 and 2100, not " + start);
    }
    if (tenant < 1 || tenant > Short.MAX_VALUE) {
      throw new IllegalArgumentException("--tenant must be 1 to 32767, not " + tenant);
    }
    if (regionCode == null || !regionCode.matches("[0-9]{2}")) {
      throw new IllegalArgumentException("--region-code must be two digits, not " + regionCode);
    }
  }

  static RegionParameters of(long seed, int patients) {
    return new RegionParameters(seed, patients, 5, LocalDate.of(2020, 1, 1), DEFAULT_TENANT, DEFAULT_REGION_CODE, DEFAULT_REGION_NAME);
  }

  /** The first day after the period. */
  LocalDate end() {
    return start.plusYears(years);
  }
}
