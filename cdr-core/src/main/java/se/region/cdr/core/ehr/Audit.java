package se.region.cdr.core.ehr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The audit of one version: when, what kind of change, by whom, why, and in which contribution. */
public record Audit(OffsetDateTime committedAt, ChangeType changeType, ObjectNode committer, String description, UUID contributionUid) {}
