/**
 * The synthetic region generator. In: a seed, a number of patients, a start date and a number of
 * years; out: master-data and clinical source files (CSV) and a manifest with counts and known
 * answers, byte-identical for the same parameters.
 */
package se.region.cdr.synthetic;
