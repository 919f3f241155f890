package se.region.cdr.synthetic;

import java.time.LocalDate;

/**
 * Swedish personal identity numbers (personnummer) in the 12-digit form {@code YYYYMMDDNNNC}:
 * birth date, a three-digit birth number whose last digit is odd for men and even for women, and
 * a Luhn check digit over the ten digits {@code YYMMDDNNN}. The generated ones are synthetic.
 */
final class PersonNumber {
  private PersonNumber() {}

  static String of(LocalDate birthDate, int birthNumber) {
    if (birthNumber < 0 || birthNumber > 999) {
      throw new IllegalArgumentException("birth number " + birthNumber + " is not 000..999");
    }
    String body = "%04d%02d%02d%03d".formatted(birthDate.getYear(), birthDate.getMonthValue(), birthDate.getDayOfMonth(), birthNumber);
    return body + checkDigit(body.substring(2));
  }

  /** The Luhn check digit of the nine digits YYMMDDNNN (weights 2,1,2,1..., digits of products summed). */
  static int checkDigit(String nineDigits) {
    int sum = 0;
    for (int i = 0; i < nineDigits.length(); i++) {
      int product = (nineDigits.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
      sum += product > 9 ? product - 9 : product;
    }
    return (10 - sum % 10) % 10;
  }

  /** True if the 12-digit number has a valid check digit. */
  static boolean valid(String number) {
    return number.length() == 12 && number.chars().allMatch(Character::isDigit)
        && checkDigit(number.substring(2, 11)) == number.charAt(11) - '0';
  }

  /** "M" when the second-to-last digit is odd, else "F". */
  static String sex(String number) {
    return (number.charAt(10) - '0') % 2 == 1 ? "M" : "F";
  }
}
