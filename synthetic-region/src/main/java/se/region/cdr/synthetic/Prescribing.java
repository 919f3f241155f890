package se.region.cdr.synthetic;

import java.util.ArrayList;
import java.util.List;

/**
 * What is prescribed: for each long-term condition when it is recorded (metformin for most with
 * type 2 diabetes, an SSRI for many with depression or anxiety, fluoxetine first for children...),
 * and for acute diagnoses (antibiotics for infections, pain relief for fractures).
 */
final class Prescribing {
  private Prescribing() {}

  static List<Order> forCondition(Condition condition, int age, SeededRandom r, List<Order> already) {
    List<Order> orders = new ArrayList<>(2);
    boolean child = age < 18;
    switch (condition) {
      case DIABETES_TYPE_2 -> {
        add(orders, r, 0.85, Order.daily("A10BA02", r.chance(0.5) ? 500 : 1000, "mg", 2));
        add(orders, r, 0.25, Order.daily("A10BK01", 10, "mg", 1));
        add(orders, r, 0.15, new Order("A10AE04", 20, "E", 1, "subcutaneous", 0));
      }
      case HYPERTENSION -> {
        if (r.chance(0.85)) {
          double pick = r.nextDouble();
          orders.add(pick < 0.45 ? Order.daily("C09AA02", 10, "mg", 1) : pick < 0.8 ? Order.daily("C08CA01", 5, "mg", 1)
              : Order.daily("C09CA01", 50, "mg", 1));
        }
        add(orders, r, 0.25, Order.daily("C03AA03", 12.5, "mg", 1));
      }
      case ASTHMA -> {
        add(orders, r, 0.9, new Order("R03AC02", 0.1, "mg", 0, "inhalation", 0));
        add(orders, r, 0.5, new Order("R03BA02", 200, "µg", 2, "inhalation", 0));
      }
      case DEPRESSION, ANXIETY -> {
        if (already.stream().noneMatch(Order::ssri)) {
          double share = condition == Condition.DEPRESSION ? (child ? 0.55 : 0.7) : (child ? 0.35 : 0.5);
          if (r.chance(share)) {
            double pick = r.nextDouble();
            orders.add(child
                ? (pick < 0.6 ? Order.daily("N06AB03", 20, "mg", 1) : Order.daily("N06AB06", 50, "mg", 1))
                : (pick < 0.4 ? Order.daily("N06AB06", 50, "mg", 1) : pick < 0.8 ? Order.daily("N06AB10", 10, "mg", 1)
                    : Order.daily("N06AB04", 20, "mg", 1)));
          }
        }
      }
      case ADHD -> add(orders, r, 0.7, Order.daily("N06BA04", 36, "mg", 1));
      case ATRIAL_FIBRILLATION -> {
        add(orders, r, 0.8, Order.daily("B01AF02", 5, "mg", 2));
        addOnce(orders, already, r, 0.6, Order.daily("C07AB02", 50, "mg", 1));
      }
      case HEART_FAILURE -> {
        add(orders, r, 0.8, Order.daily("C03CA01", 40, "mg", 1));
        addOnce(orders, already, r, 0.5, Order.daily("C07AB02", 50, "mg", 1));
        addOnce(orders, already, r, 0.5, Order.daily("C09AA02", 10, "mg", 1));
      }
      case COPD -> add(orders, r, 0.8, new Order("R03BB04", 18, "µg", 1, "inhalation", 0));
      case DEMENTIA -> add(orders, r, 0.4, Order.daily("N06DA02", 5, "mg", 1));
    }
    return orders;
  }

  /** Orders for the main diagnosis of a contact; a stay's orders run until discharge ({@code stayDays}). */
  static List<Order> forAcute(String icd, int stayDays, SeededRandom r) {
    List<Order> orders = new ArrayList<>(2);
    switch (icd) {
      case "J18.9", "A41.9", "N10" -> orders.add(new Order("J01DD04", 2, "g", 1, "intravenous", Math.max(1, stayDays)));
      case "J03.9" -> add(orders, r, 0.7, Order.daily("J01CE02", 1, "g", 3).forDays(10));
      case "H66.9" -> add(orders, r, 0.5, Order.daily("J01CE02", 1, "g", 3).forDays(5));
      case "N39.0" -> add(orders, r, 0.8, Order.daily("J01CA08", 200, "mg", 3).forDays(5));
      case "M54.5" -> add(orders, r, 0.5, Order.daily("N02BE01", 1, "g", 3).forDays(14));
      case "S72.0" -> orders.add(Order.daily("N02BE01", 1, "g", 4).forDays(Math.max(1, stayDays)));
      case "I21.4" -> {
        orders.add(Order.daily("B01AC06", 75, "mg", 1));
        add(orders, r, 0.8, Order.daily("C07AB02", 50, "mg", 1));
      }
      default -> {
        // nothing for the others
      }
    }
    return orders;
  }

  private static void add(List<Order> orders, SeededRandom r, double share, Order order) {
    if (r.chance(share)) {
      orders.add(order);
    }
  }

  private static void addOnce(List<Order> orders, List<Order> already, SeededRandom r, double share, Order order) {
    boolean present = already.stream().anyMatch(o -> o.atc().equals(order.atc())) || orders.stream().anyMatch(o -> o.atc().equals(order.atc()));
    if (r.chance(share) && !present) {
      orders.add(order);
    }
  }
}
