package se.region.cdr.synthetic;

/** A code of a code system with its (Swedish) display text. */
record Code(String system, String code, String display) {}
