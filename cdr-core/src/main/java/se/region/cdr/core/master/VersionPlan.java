package se.region.cdr.core.master;

import java.util.List;

/**
 * What loading a file changes: new periods to insert, stored periods whose valid_to changes
 * (closed by a later period or by an explicit valid_to), and the per-row counts for the summary.
 */
record VersionPlan(List<MasterRecord> inserts, List<MasterRecord> closes, int inserted, int changed, int unchanged) {
  VersionPlan {
    inserts = List.copyOf(inserts);
    closes = List.copyOf(closes);
  }
}
