package se.region.cdr.loader.mapping;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.Optional;

/**
 * Conversion of a quantity to the template's unit: target = source × factor + offset, per source
 * unit. A source unit that is neither the target nor listed is rejected. Well-known conversions
 * need no factor in the mapping ({@link #KNOWN}).
 */
public record UnitConversion(String targetUnit, Map<String, Linear> fromUnits) {
  /** target = value × factor + offset. */
  public record Linear(BigDecimal factor, BigDecimal offset) {
    public BigDecimal apply(BigDecimal value) {
      return value.multiply(factor, MathContext.DECIMAL64).add(offset, MathContext.DECIMAL64);
    }
  }

  /** Built-in conversions, keyed "from->to" with UCUM unit codes. */
  static final Map<String, Linear> KNOWN = Map.of(
      "kPa->mm[Hg]", new Linear(new BigDecimal("7.50061683"), BigDecimal.ZERO),
      "mm[Hg]->kPa", new Linear(new BigDecimal("0.133322368"), BigDecimal.ZERO),
      "[lb_av]->kg", new Linear(new BigDecimal("0.45359237"), BigDecimal.ZERO),
      "g->kg", new Linear(new BigDecimal("0.001"), BigDecimal.ZERO),
      "g/dL->g/L", new Linear(BigDecimal.TEN, BigDecimal.ZERO),
      "mg/dL->mg/L", new Linear(BigDecimal.TEN, BigDecimal.ZERO),
      "[degF]->Cel", new Linear(new BigDecimal("0.5555555555555556"), new BigDecimal("-17.77777777777778")),
      "[in_i]->cm", new Linear(new BigDecimal("2.54"), BigDecimal.ZERO),
      "m->cm", new Linear(new BigDecimal("100"), BigDecimal.ZERO),
      "/min->/min", new Linear(BigDecimal.ONE, BigDecimal.ZERO));

  static Optional<Linear> known(String from, String to) {
    return Optional.ofNullable(KNOWN.get(from + "->" + to));
  }

  /** The value in the target unit, or empty when the source unit cannot be converted. */
  public Optional<BigDecimal> convert(BigDecimal value, String sourceUnit) {
    if (sourceUnit == null || sourceUnit.isBlank() || sourceUnit.trim().equals(targetUnit)) {
      return Optional.of(value);
    }
    Linear linear = fromUnits.get(sourceUnit.trim());
    return linear == null ? Optional.empty() : Optional.of(linear.apply(value));
  }
}
