package se.region.cdr.core.master;

import static java.util.Objects.requireNonNull;

/**
 * Why a master-data file was rejected: the file, the line (1-based, the header is line 1; 0 for
 * the file as a whole), the column when one is to blame, and the reason.
 */
public record LoadProblem(String source, int line, String column, String reason) {
  public LoadProblem {
    requireNonNull(source, "source is null");
    requireNonNull(reason, "reason is null");
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(source);
    if (line > 0) {
      b.append(':').append(line);
    }
    if (column != null) {
      b.append(" column ").append(column);
    }
    return b.append(": ").append(reason).toString();
  }
}
