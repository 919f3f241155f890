/**
 * The loader's SQL: load runs and their checkpoints, the batch writer that stores a batch of
 * compositions (new ones as multi-row INSERTs over arrays, changed ones as new versions), the
 * source records, EHRs created on first sight, and the quarantine, all in one transaction per batch.
 */
package se.region.cdr.loader.store;
