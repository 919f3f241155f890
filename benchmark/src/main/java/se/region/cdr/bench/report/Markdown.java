package se.region.cdr.bench.report;

/** Small helpers for Markdown tables. */
final class Markdown {

  private static final int CELL_LIMIT = 160;

  private Markdown() {}

  /** {@code text} on one line, without table or code delimiters, at most 160 characters. */
  static String cell(String text) {
    String flat = text.replaceAll("\\s+", " ").replace('|', '/').replace('`', '\'');
    return flat.length() > CELL_LIMIT ? flat.substring(0, CELL_LIMIT) + "..." : flat;
  }
}
