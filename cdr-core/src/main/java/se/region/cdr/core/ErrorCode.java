package se.region.cdr.core;

/**
 * Stable error codes, in bands: 1xxx user errors, 2xxx conflicts and preconditions, 9xxx internal.
 * Each code carries the HTTP status the openEHR REST API gives it; the server maps codes, not classes.
 */
public enum ErrorCode {
  BAD_REQUEST(1000, 400),
  MALFORMED_CONTENT(1001, 400),
  INVALID_TEMPLATE(1002, 400),
  NOT_ACCEPTABLE(1003, 406),
  UNSUPPORTED_MEDIA_TYPE(1004, 415),
  VALIDATION_FAILED(1005, 422),
  NOT_FOUND(1100, 404),
  FORBIDDEN(1200, 403),
  QUERY_TIMEOUT(1300, 408),
  QUERY_TOO_LARGE(1301, 400),
  CONFLICT(2000, 409),
  PRECONDITION_FAILED(2001, 412),
  INTERNAL(9000, 500);

  private final int code;
  private final int httpStatus;

  ErrorCode(int code, int httpStatus) {
    this.code = code;
    this.httpStatus = httpStatus;
  }

  public int code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
