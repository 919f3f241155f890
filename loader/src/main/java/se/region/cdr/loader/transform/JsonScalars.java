package se.region.cdr.loader.transform;

/**
 * Scans JSON scalars in a text for {@link TextShape}: only those written exactly as Jackson writes
 * the value they parse to (so a text made of them is the text Jackson writes for its tree).
 */
final class JsonScalars {
  /** Whole numbers longer than this may not fit a long: left to the tree. */
  private static final int MAX_DIGITS = 18;

  private JsonScalars() {}

  /**
   * The end of the JSON string starting at {@code start}, or -1 when there is none or it holds an
   * escape or a control character (Jackson writes those escaped; left to the tree).
   */
  static int endOfString(String text, int start) {
    if (start >= text.length() || text.charAt(start) != '"') {
      return -1;
    }
    for (int i = start + 1; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '"') {
        return i + 1;
      }
      if (ch == '\\' || ch < 0x20) {
        return -1;
      }
    }
    return -1;
  }

  /**
   * The end of the JSON number starting at {@code start}, or -1 when there is none or it is not
   * written as Jackson writes the value: a whole number without leading zeros (and not -0), a
   * decimal as {@link Double#toString} writes its double.
   */
  static int endOfNumber(String text, int start) {
    int end = start;
    boolean decimal = false;
    while (end < text.length()) {
      char ch = text.charAt(end);
      if (ch == '.' || ch == 'e' || ch == 'E') {
        decimal = true;
      } else if (!(ch >= '0' && ch <= '9' || ch == '-' || ch == '+')) {
        break;
      }
      end++;
    }
    if (end == start) {
      return -1;
    }
    String number = text.substring(start, end);
    if (decimal) {
      try {
        return Double.toString(Double.parseDouble(number)).equals(number) ? end : -1;
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return isWholeNumber(number) ? end : -1;
  }

  private static boolean isWholeNumber(String number) {
    int digits = number.charAt(0) == '-' ? 1 : 0;
    int length = number.length() - digits;
    if (length == 0 || length > MAX_DIGITS || number.charAt(digits) == '0' && (length > 1 || digits == 1)) {
      return false;
    }
    for (int i = digits; i < number.length(); i++) {
      if (number.charAt(i) < '0' || number.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
