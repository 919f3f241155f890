package se.region.cdr.synthetic;

/** A municipality of the synthetic region: its four-digit code (region code + two digits), town and population share. */
record Municipality(String code, String town, double share) {}
