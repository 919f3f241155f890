package se.region.cdr.core.master;

import java.time.LocalDate;

/** A code of a code system as it was on a date: display text, the version it came in, its period. */
public record CodeEntry(String system, String code, String display, String version, LocalDate validFrom, LocalDate validTo) {}
