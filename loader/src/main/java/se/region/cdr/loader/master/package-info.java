/**
 * The loader's master-data check: mapped records in, the same records with the care provider and
 * code display texts from master data out, or a rejection ({@code unknown_care_unit},
 * {@code unknown_code}) when their care unit or a code is not valid at the record's date.
 */
package se.region.cdr.loader.master;
