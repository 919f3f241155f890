package se.region.cdr.loader.mapping;

/** A mapping file that cannot be used: the message names the file, the rule and what is wrong. */
public final class MappingException extends RuntimeException {
  public MappingException(String message) {
    super(message);
  }
}
