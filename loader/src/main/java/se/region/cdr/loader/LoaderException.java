package se.region.cdr.loader;

/** A load that cannot start or go on (missing key, unreadable input, a concurrent run of the same input). */
public final class LoaderException extends RuntimeException {
  public LoaderException(String message) {
    super(message);
  }

  public LoaderException(String message, Throwable cause) {
    super(message, cause);
  }
}
