package se.region.cdr.core.ehr;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored EHR: its ids, when it was made, and the head of its EHR_STATUS. */
public record EhrRecord(
    long id,
    UUID ehrId,
    OffsetDateTime createdAt,
    UUID statusUid,
    int statusVersion,
    boolean queryable,
    boolean modifiable) {}
