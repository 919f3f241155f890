package se.region.cdr.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PersonNumberTest {
  @Test
  void skatteverketsExample() {
    // Skatteverket's published example 811218-9876.
    assertEquals(6, PersonNumber.checkDigit("811218987"));
    assertTrue(PersonNumber.valid("198112189876"));
    assertFalse(PersonNumber.valid("198112189875"));
    assertEquals("M", PersonNumber.sex("198112189876"));
  }

  @Test
  void generatedNumbersAreValid() {
    String n = PersonNumber.of(LocalDate.of(2007, 2, 3), 42);
    assertTrue(n.startsWith("20070203042"), n);
    assertTrue(PersonNumber.valid(n));
    assertEquals("F", PersonNumber.sex(n));
  }
}
