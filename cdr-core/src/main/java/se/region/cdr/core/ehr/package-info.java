/**
 * The openEHR EHR service: EHRs, EHR_STATUS, versioned compositions and contributions, with
 * the versioning rules of the openEHR REST API. In: RM objects and ids; out: stored versions.
 */
package se.region.cdr.core.ehr;
