package se.region.cdr.core.master;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The history rules, without a database: given the stored periods of a kind and the records of a
 * file, which periods to insert and which to close. Per file record (taken in key and valid_from
 * order):
 *
 * <ul>
 *   <li>a key with no periods: a new period (inserted);
 *   <li>a period with the same key and valid_from and the same values: unchanged; one that differs
 *       only in valid_to: that period is closed (or re-closed) at the new valid_to (changed);
 *   <li>a valid_from after the key's latest period, with other values: the latest period is closed
 *       at that date and a new one opened (changed); with the same values and already covered by
 *       the latest period: unchanged;
 *   <li>anything else (a different value for an existing period, a back-dated period, two rows
 *       for the same period) is refused, naming the line.
 * </ul>
 *
 * A stored period that a later period closed stays closed when a stale file re-delivers it open.
 */
final class VersionPlanner {
  private VersionPlanner() {}

  static VersionPlan plan(MasterKind kind, List<MasterRecord> stored, List<MasterRecord> incoming, String source) {
    Map<List<String>, TreeMap<LocalDate, MasterRecord>> periods = new HashMap<>();
    Map<List<String>, Map<LocalDate, MasterRecord>> original = new HashMap<>();
    for (MasterRecord r : stored) {
      periods.computeIfAbsent(r.key(), k -> new TreeMap<>()).put(r.validFrom(), r);
      original.computeIfAbsent(r.key(), k -> new HashMap<>()).put(r.validFrom(), r);
    }
    List<MasterRecord> ordered = new ArrayList<>(incoming);
    ordered.sort(Comparator.<MasterRecord, String>comparing(r -> String.join("\u0000", r.key())).thenComparing(MasterRecord::validFrom));
    Set<List<String>> newKeys = new HashSet<>();
    List<LoadProblem> problems = new ArrayList<>();
    int inserted = 0;
    int changed = 0;
    int unchanged = 0;
    MasterRecord previous = null;
    for (MasterRecord row : ordered) {
      if (previous != null && previous.key().equals(row.key()) && previous.validFrom().equals(row.validFrom())) {
        problems.add(problem(kind, source, row, "repeats the record of line " + previous.line() + " (same key and valid_from)"));
        continue;
      }
      previous = row;
      TreeMap<LocalDate, MasterRecord> history = periods.computeIfAbsent(row.key(), k -> new TreeMap<>());
      if (history.isEmpty()) {
        newKeys.add(row.key());
      }
      String refusal = apply(history, row);
      if (refusal == null) {
        unchanged++;
      } else if (refusal.isEmpty()) {
        if (newKeys.contains(row.key())) {
          inserted++;
        } else {
          changed++;
        }
      } else {
        problems.add(problem(kind, source, row, refusal));
      }
    }
    if (!problems.isEmpty()) {
      throw new MasterDataException(problems);
    }
    List<MasterRecord> inserts = new ArrayList<>();
    List<MasterRecord> closes = new ArrayList<>();
    periods.forEach((key, history) -> {
      Map<LocalDate, MasterRecord> before = original.getOrDefault(key, Map.of());
      for (MasterRecord r : history.values()) {
        MasterRecord was = before.get(r.validFrom());
        if (was == null) {
          inserts.add(r);
        } else if (!Objects.equals(was.validTo(), r.validTo())) {
          closes.add(r);
        }
      }
    });
    Comparator<MasterRecord> byLine = Comparator.comparingInt(MasterRecord::line);
    inserts.sort(byLine);
    closes.sort(byLine);
    return new VersionPlan(inserts, closes, inserted, changed, unchanged);
  }

  /** Applies one row to a key's history: null when nothing changes, "" when it changes, else why it is refused. */
  private static String apply(TreeMap<LocalDate, MasterRecord> history, MasterRecord row) {
    MasterRecord same = history.get(row.validFrom());
    var next = history.higherEntry(row.validFrom());
    if (same != null) {
      if (same.sameValues(row)) {
        return null;
      }
      if (!same.attributes().equals(row.attributes())) {
        return "a period from " + row.validFrom() + " is stored with other values " + same.attributes()
            + "; a change needs a valid_from after " + history.lastKey();
      }
      if (next != null && row.validTo() == null && next.getKey().equals(same.validTo())) {
        return null; // a stale file re-delivers a period a later one has closed
      }
      if (next != null && (row.validTo() == null || row.validTo().isAfter(next.getKey()))) {
        return "valid_to " + (row.validTo() == null ? "(open)" : row.validTo()) + " overlaps the stored period from " + next.getKey();
      }
      history.put(row.validFrom(), same.withValidTo(row.validTo()));
      return "";
    }
    if (history.isEmpty()) {
      history.put(row.validFrom(), row);
      return "";
    }
    MasterRecord last = history.lastEntry().getValue();
    if (row.validFrom().isAfter(last.validFrom())) {
      if (last.covers(row.validFrom()) && last.sameValues(row)) {
        return null;
      }
      if (last.validTo() == null || last.validTo().isAfter(row.validFrom())) {
        history.put(last.validFrom(), last.withValidTo(row.validFrom()));
      }
      history.put(row.validFrom(), row);
      return "";
    }
    return "valid_from " + row.validFrom() + " is before the latest stored period (from " + last.validFrom()
        + "); history is only added after it";
  }

  private static LoadProblem problem(MasterKind kind, String source, MasterRecord row, String reason) {
    return new LoadProblem(source, row.line(), MasterKind.VALID_FROM, kind.label() + " " + String.join("/", row.key()) + ": " + reason);
  }
}
