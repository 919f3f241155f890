package se.region.cdr.synthetic;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One planned contact of a patient: kind, unit, start and end (local time, Europe/Stockholm), the
 * main diagnosis and the long-term conditions recorded beside it, and what kind of care it was.
 *
 * @param firstAtUnit the patient's first visit to this outpatient clinic (it then comes with a referral)
 * @param registersAll the visit that records every long-term condition of the patient (once, early on)
 */
record Visit(UnitKind kind, Unit unit, LocalDateTime start, LocalDateTime end, Diagnosis main, List<Condition> secondary,
    boolean firstAtUnit, boolean registersAll) {}
