/**
 * From a source record to FLAT content: pseudonymisation of the subject, value parsing (dates in
 * the mapping's time zone, decimal comma), code translation, unit conversion and the record key;
 * failures are {@link se.region.cdr.loader.transform.Rejection}s with a reason code, path and rule.
 */
package se.region.cdr.loader.transform;
