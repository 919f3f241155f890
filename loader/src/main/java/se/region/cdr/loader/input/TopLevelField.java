package se.region.cdr.loader.input;

/**
 * Finds the object value of one top-level field in the text of a JSON object by a scan that only
 * follows strings and nesting (no values are read): far cheaper than tokenising the value. It does
 * not check that the value is valid JSON; whoever reads the value does.
 */
final class TopLevelField {
  private TopLevelField() {}

  /**
   * {start, end} of the object that is the value of top-level field {@code name} (written without
   * escapes), or null when there is no such field, it is not an object, it is there twice, or the
   * text's strings or nesting do not close.
   */
  static int[] objectValue(String text, String name) {
    int[] found = null;
    int depth = 0;
    int i = 0;
    while (i < text.length()) {
      char ch = text.charAt(i);
      if (ch == '"') {
        int end = endOfString(text, i);
        if (end < 0) {
          return null;
        }
        if (depth == 1 && end - i - 2 == name.length() && text.startsWith(name, i + 1)) {
          int colon = skipSpace(text, end);
          int value = colon < text.length() && text.charAt(colon) == ':' ? skipSpace(text, colon + 1) : -1;
          if (value < 0 || found != null || value >= text.length() || text.charAt(value) != '{') {
            return null;
          }
          int close = endOfObject(text, value);
          if (close < 0) {
            return null;
          }
          found = new int[] {value, close};
          i = close;
          continue;
        }
        i = end;
        continue;
      }
      if (ch == '{' || ch == '[') {
        depth++;
      } else if (ch == '}' || ch == ']') {
        depth--;
      }
      i++;
    }
    return found;
  }

  /** The index after the object starting at {@code start}, or -1. */
  private static int endOfObject(String text, int start) {
    int depth = 0;
    int i = start;
    while (i < text.length()) {
      char ch = text.charAt(i);
      if (ch == '"') {
        i = endOfString(text, i);
        if (i < 0) {
          return -1;
        }
        continue;
      }
      if (ch == '{' || ch == '[') {
        depth++;
      } else if ((ch == '}' || ch == ']') && --depth == 0) {
        return i + 1;
      }
      i++;
    }
    return -1;
  }

  /**
   * The index after the string starting at {@code start} (a quote), or -1 when it does not close:
   * the first quote after it that an odd run of backslashes does not escape (found by {@link
   * String#indexOf(int, int)}, which scans far faster than a loop over the characters).
   */
  static int endOfString(String text, int start) {
    int quote = start;
    while ((quote = text.indexOf('"', quote + 1)) >= 0) {
      int backslashes = 0;
      while (text.charAt(quote - 1 - backslashes) == '\\') {
        backslashes++; // stops at the opening quote at the latest
      }
      if (backslashes % 2 == 0) {
        return quote + 1;
      }
    }
    return -1;
  }

  private static int skipSpace(String text, int from) {
    int i = from;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
