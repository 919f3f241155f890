/**
 * The loader's SQL: load runs and their checkpoints, the batch writer that stores a batch of
 * compositions (new ones as one INSERT over arrays and their content nodes as one COPY, changed ones as new versions), the
 * source records, EHRs created on first sight, and the quarantine, all in one transaction per batch.
 */
package se.region.cdr.loader.store;
