package se.region.cdr.loader;

/** A load that cannot start or go on; {@link #reason()} tells callers (the REST API) what kind. */
public final class LoaderException extends RuntimeException {
  /** What went wrong, for mapping to a response. */
  public enum Reason { NOT_CONFIGURED, BUSY, BAD_INPUT, INTERRUPTED }

  private final Reason reason;

  public LoaderException(Reason reason, String message) {
    this(reason, message, null);
  }

  public LoaderException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
