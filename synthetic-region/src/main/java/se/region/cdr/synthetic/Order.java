package se.region.cdr.synthetic;

/**
 * A medication order template: ATC code, dose and unit, times per day (0 = as needed), route,
 * and how many days it runs (0 = until stopped).
 */
record Order(String atc, double dose, String unit, int timesPerDay, String route, int days) {
  static Order daily(String atc, double dose, String unit, int timesPerDay) {
    return new Order(atc, dose, unit, timesPerDay, "oral", 0);
  }

  Order route(String other) {
    return new Order(atc, dose, unit, timesPerDay, other, days);
  }

  Order forDays(int count) {
    return new Order(atc, dose, unit, timesPerDay, route, count);
  }

  boolean ssri() {
    return atc.startsWith("N06AB");
  }
}
