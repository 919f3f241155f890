/**
 * Master data: regions, care providers, care units and code lists, versioned over time. In: CSV
 * files (one kind per file); out: load summaries and cheap lookups at a date for the loader.
 */
package se.region.cdr.core.master;
