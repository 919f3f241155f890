package se.region.cdr.synthetic;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The generator's only source of randomness: one stream per patient (and one for the
 * organisation), derived from the seed and an index, so a patient's data does not depend on the
 * patients before it. Gaussians use Box-Muller with {@link StrictMath}: the same bytes on every JVM.
 */
final class SeededRandom {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private final SplittableRandom random;

  private SeededRandom(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Stream {@code index} of {@code seed}, for a purpose (so patient 0 and the organisation differ). */
  static SeededRandom of(long seed, long purpose, long index) {
    return new SeededRandom(seed ^ (GOLDEN_GAMMA * (index + 1L)) ^ Long.rotateLeft(purpose * GOLDEN_GAMMA, 17));
  }

  double nextDouble() {
    return random.nextDouble();
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** Uniform in [from, to] inclusive. */
  int between(int from, int to) {
    return from + random.nextInt(to - from + 1);
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  double gaussian(double mean, double sd) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return mean + sd * StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
  }

  /** A gaussian clipped to [min, max]. */
  double clipped(double mean, double sd, double min, double max) {
    return Math.max(min, Math.min(max, gaussian(mean, sd)));
  }

  /** Exponentially distributed with the given mean. */
  double exponential(double mean) {
    return -mean * StrictMath.log(1.0 - random.nextDouble());
  }

  /** Poisson-distributed count with the given mean (Knuth; means here are small). */
  int poisson(double mean) {
    double limit = StrictMath.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  /** An index drawn with the given (not necessarily normalised) weights. */
  int weighted(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double target = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      target -= weights[i];
      if (target < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }
}
