package se.region.cdr.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Counts failed requests and keeps the first few distinct descriptions. Thread-safe. */
public final class ErrorSamples {

  private static final int KEPT = 5;

  private final AtomicLong count = new AtomicLong();
  private final List<String> samples = new ArrayList<>();

  public void add(String description) {
    count.incrementAndGet();
    synchronized (samples) {
      if (samples.size() < KEPT && !samples.contains(description)) {
        samples.add(description);
      }
    }
  }

  public long count() {
    return count.get();
  }

  public List<String> samples() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }
}
