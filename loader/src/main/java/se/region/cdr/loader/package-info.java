/**
 * The bulk and legacy loader: runs a {@link se.region.cdr.loader.mapping.Mapping} over an input file
 * (CSV, JSON Lines, FHIR R4 bundle), maps each record to FLAT, validates it against the template as the
 * REST API does, and writes batches straight into the storage tables. Idempotent (source records are
 * remembered by key and content hash), resumable (a checkpoint per committed batch), pseudonymous
 * (identities become HMAC pseudonyms before anything is stored). Entry point: {@link se.region.cdr.loader.Loader}.
 */
package se.region.cdr.loader;
