package se.region.cdr.core;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The one unchecked exception of the CDR: an error code, a message and optional per-path details. */
public class CdrException extends RuntimeException {
  private final ErrorCode errorCode;
  private final List<String> details;

  public CdrException(ErrorCode errorCode, String message) {
    this(errorCode, message, List.of(), null);
  }

  public CdrException(ErrorCode errorCode, String message, Throwable cause) {
    this(errorCode, message, List.of(), cause);
  }

  public CdrException(ErrorCode errorCode, String message, List<String> details, Throwable cause) {
    super(message, cause);
    this.errorCode = requireNonNull(errorCode, "errorCode is null");
    this.details = List.copyOf(details);
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  /** Further detail lines, e.g. one per failing path of a validation. */
  public List<String> details() {
    return details;
  }

  public static CdrException notFound(String message) {
    return new CdrException(ErrorCode.NOT_FOUND, message);
  }

  public static CdrException badRequest(String message) {
    return new CdrException(ErrorCode.BAD_REQUEST, message);
  }

  public static CdrException conflict(String message) {
    return new CdrException(ErrorCode.CONFLICT, message);
  }

  public static CdrException preconditionFailed(String message) {
    return new CdrException(ErrorCode.PRECONDITION_FAILED, message);
  }
}
