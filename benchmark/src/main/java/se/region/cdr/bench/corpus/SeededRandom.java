package se.region.cdr.bench.corpus;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The generator's only source of randomness. One instance per EHR, derived from the corpus seed and
 * the EHR index, so an EHR's data does not depend on the others. Gaussians use Box-Muller with
 * {@link StrictMath}, so the bytes are the same on every JVM.
 */
public final class SeededRandom {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private final SplittableRandom random;

  private SeededRandom(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** The stream for EHR {@code ehrIndex} of the corpus with {@code seed}. */
  public static SeededRandom forEhr(long seed, int ehrIndex) {
    return new SeededRandom(seed ^ (GOLDEN_GAMMA * (ehrIndex + 1L)));
  }

  public double nextDouble() {
    return random.nextDouble();
  }

  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  public long nextLong(long bound) {
    return random.nextLong(bound);
  }

  public boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  public double gaussian(double mean, double sd) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return mean
        + sd * StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
  }

  /** A gaussian clipped to [min, max], rounded to {@code decimals} places. */
  public double clipped(double mean, double sd, double min, double max, int decimals) {
    double value = Math.max(min, Math.min(max, gaussian(mean, sd)));
    double scale = StrictMath.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }

  /**
   * A gaussian rounded to {@code decimals} places and redrawn until it lies in [min, max] (clipped
   * after 100 draws), so no value piles up at a bound.
   */
  public double truncated(double mean, double sd, double min, double max, int decimals) {
    double scale = StrictMath.pow(10, decimals);
    double value = 0;
    for (int attempt = 0; attempt < 100; attempt++) {
      value = Math.round(gaussian(mean, sd) * scale) / scale;
      if (value >= min && value <= max) {
        return value;
      }
    }
    return Math.max(min, Math.min(max, value));
  }

  public <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  /** Shuffles {@code items} in place (Fisher-Yates). */
  public <T> void shuffle(List<T> items) {
    for (int i = items.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      T swap = items.get(i);
      items.set(i, items.get(j));
      items.set(j, swap);
    }
  }
}
