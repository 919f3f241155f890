package se.region.cdr.bench.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import se.region.cdr.bench.report.LatencySummary;

/** The knee is the last step before the first one with errors or p99 above one second. */
class CommitLoadTest {

  @Test
  void kneeStopsAtTheFirstFailingStep() {
    List<CommitLoad.Step> steps =
        List.of(step(1, 80, 0), step(2, 300, 0), step(4, 1200, 0), step(8, 500, 0));
    assertEquals(2, CommitLoad.knee(steps).orElseThrow().concurrency());
  }

  @Test
  void errorsEndTheKnee() {
    assertEquals(
        1, CommitLoad.knee(List.of(step(1, 50, 0), step(2, 60, 1))).orElseThrow().concurrency());
  }

  @Test
  void noKneeWhenTheFirstStepFails() {
    assertTrue(CommitLoad.knee(List.of(step(1, 2000, 0))).isEmpty());
  }

  private static CommitLoad.Step step(int concurrency, double p99Ms, long errors) {
    return new CommitLoad.Step(
        concurrency,
        60,
        100,
        errors,
        1.7,
        new LatencySummary(100, 1, 2, p99Ms, p99Ms, 1),
        List.of());
  }
}
