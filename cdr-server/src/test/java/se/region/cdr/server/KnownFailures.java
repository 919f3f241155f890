package se.region.cdr.server;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.TestAbortedException;

/**
 * Runs data-driven conformance cases against a known-failures list and tallies their outcomes.
 *
 * <p>The list is a test resource with one line per case: {@code <case name> | <one-line reason>};
 * blank lines and lines starting with {@code #} are ignored. A listed case that fails is reported
 * as aborted (skipped) with its reason; a listed case that passes fails the run, so the list only
 * ever shrinks. A listed name that matches no case is an orphan and fails {@link #orphans}.
 */
public final class KnownFailures {
  /** What a passing case did; counted per source in the summary. */
  public static final String ACCEPTED = "accepted";
  public static final String REJECTED = "rejected as expected";
  public static final String KNOWN_FAILURE = "known failure";
  public static final String FAILED = "FAILED";

  private final String suite;
  private final Map<String, String> reasons;
  private final Map<String, Map<String, Integer>> counts = new ConcurrentHashMap<>();
  private final Map<String, Integer> skipReasons = new ConcurrentHashMap<>();

  private KnownFailures(String suite, Map<String, String> reasons) {
    this.suite = suite;
    this.reasons = reasons;
  }

  /** Loads {@code known-failures/<suite>.txt} from the test classpath (absent means empty). */
  public static KnownFailures load(String suite) {
    Map<String, String> reasons = new LinkedHashMap<>();
    try (InputStream in = KnownFailures.class.getResourceAsStream("/known-failures/" + suite + ".txt")) {
      if (in != null) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
          line = line.strip();
          if (line.isEmpty() || line.startsWith("#")) {
            continue;
          }
          int bar = line.indexOf(" | ");
          if (bar < 0) {
            throw new IllegalStateException("known-failures/" + suite + ".txt: expected '<case> | <reason>': " + line);
          }
          reasons.put(line.substring(0, bar).strip(), line.substring(bar + 3).strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new KnownFailures(suite, reasons);
  }

  /** A case body: returns the outcome to count ({@link #ACCEPTED}, {@link #REJECTED}), or throws. */
  @FunctionalInterface
  public interface Case {
    String run() throws Exception;
  }

  /** Skips the running case (not a failure); the reason is counted and printed in the summary. */
  public static TestAbortedException skip(String reason) {
    return new TestAbortedException(reason);
  }

  public DynamicTest test(String source, String name, Case body) {
    return dynamicTest(name, () -> {
      String known = reasons.get(name);
      String outcome;
      try {
        outcome = body.run();
      } catch (TestAbortedException e) {
        count(source, "skipped");
        skipReasons.merge(e.getMessage(), 1, Integer::sum);
        throw e;
      } catch (Throwable e) {
        if (known == null) {
          count(source, FAILED);
          // failsafe's XML report names dynamic tests by index; keep the case name in the message
          throw new AssertionError(name + ": " + e.getMessage(), e);
        }
        count(source, KNOWN_FAILURE);
        Assumptions.abort("known failure (" + known + "); got: " + firstLine(e.getMessage()));
        return;
      }
      if (known != null) {
        count(source, FAILED);
        fail(name + " passes but is listed in known-failures/" + suite + ".txt (" + known + "): remove it from the list");
      }
      count(source, outcome);
    });
  }

  /** Names in the list that match no generated case. */
  public List<String> orphans(Collection<String> caseNames) {
    List<String> orphans = new ArrayList<>(reasons.keySet());
    orphans.removeAll(caseNames);
    return orphans;
  }

  private void count(String source, String outcome) {
    counts.computeIfAbsent(source, s -> new ConcurrentHashMap<>()).merge(outcome, 1, Integer::sum);
  }

  /** The summary line and one line per source and per skip reason, as printed after the run. */
  public String summary() {
    Map<String, Integer> total = new TreeMap<>();
    counts.values().forEach(m -> m.forEach((k, v) -> total.merge(k, v, Integer::sum)));
    StringBuilder b = new StringBuilder(suite).append(": ").append(line(total));
    new TreeMap<>(counts).forEach((source, m) -> b.append("\n  ").append(source).append(": ").append(line(m)));
    new TreeMap<>(skipReasons).forEach((reason, n) -> b.append("\n  skipped ").append(n).append("x: ").append(reason));
    return b.toString();
  }

  private static String line(Map<String, Integer> m) {
    List<String> order = List.of(ACCEPTED, REJECTED, "skipped", KNOWN_FAILURE, FAILED);
    return order.stream().filter(m::containsKey).map(k -> m.get(k) + " " + (k.equals("skipped") ? "skipped" : k))
        .collect(Collectors.joining(", "));
  }

  public static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
