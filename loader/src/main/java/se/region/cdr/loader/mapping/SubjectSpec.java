package se.region.cdr.loader.mapping;

/**
 * Where the subject's identity (personal identity number or patient id) is read, and the namespace
 * of the EHR subject reference; the identity itself is replaced by its pseudonym before use.
 */
public record SubjectSpec(String source, String namespace) {}
