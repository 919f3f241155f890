package se.region.cdr.core.master;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Finds the period holding a date in a key's periods, sorted by valid_from, none overlapping. */
final class Periods {
  private Periods() {}

  static <T> Optional<T> at(List<T> sorted, LocalDate date, Function<T, LocalDate> from, Function<T, LocalDate> to) {
    int lo = 0;
    int hi = sorted.size() - 1;
    T candidate = null;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      T t = sorted.get(mid);
      if (from.apply(t).isAfter(date)) {
        hi = mid - 1;
      } else {
        candidate = t;
        lo = mid + 1;
      }
    }
    if (candidate == null) {
      return Optional.empty();
    }
    LocalDate end = to.apply(candidate);
    return end == null || date.isBefore(end) ? Optional.of(candidate) : Optional.empty();
  }
}
