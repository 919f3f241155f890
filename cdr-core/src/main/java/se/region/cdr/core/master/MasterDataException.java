package se.region.cdr.core.master;

import java.util.List;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ErrorCode;

/**
 * A master-data file was rejected (400): the message names the first problem, the details list
 * every problem found (at most {@link #MAX_PROBLEMS}). A rejected file loads nothing.
 */
public final class MasterDataException extends CdrException {
  static final int MAX_PROBLEMS = 50;

  private final List<LoadProblem> problems;

  public MasterDataException(List<LoadProblem> problems) {
    super(ErrorCode.BAD_REQUEST, message(problems), problems.stream().limit(MAX_PROBLEMS).map(LoadProblem::toString).toList(), null);
    this.problems = List.copyOf(problems.subList(0, Math.min(MAX_PROBLEMS, problems.size())));
  }

  MasterDataException(String source, int line, String column, String reason) {
    this(List.of(new LoadProblem(source, line, column, reason)));
  }

  public List<LoadProblem> problems() {
    return problems;
  }

  private static String message(List<LoadProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("no problems");
    }
    String first = "Rejected, nothing loaded: " + problems.get(0);
    return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more problems)";
  }
}
