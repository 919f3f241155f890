/**
 * From a source record to FLAT content: pseudonymisation of the subject, value parsing (dates in
 * the mapping's time zone, decimal comma), code translation, unit conversion and the record key;
 * failures are {@link se.region.cdr.loader.transform.Rejection}s with a reason code, path and rule.
 * Per record shape, the canonical tree (FLAT) or the stored nodes straight from a composition's text
 * (canonical input, {@link se.region.cdr.loader.transform.TextShape}) with only the data values checked.
 */
package se.region.cdr.loader.transform;
