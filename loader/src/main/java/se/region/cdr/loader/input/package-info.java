/**
 * Input readers: CSV (delimiter, quote, encoding, header; quoted fields may span lines), JSON Lines
 * and FHIR R4 bundles, each yielding numbered {@link se.region.cdr.loader.input.SourceRecord}s in
 * file order (a JSON line parsed by whoever reads it, its composition field kept as text), and
 * {@link se.region.cdr.loader.input.ElementPath} for values inside JSON records.
 */
package se.region.cdr.loader.input;
