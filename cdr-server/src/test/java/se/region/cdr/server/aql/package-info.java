/**
 * The AQL conformance suite: EHRbase's data-driven AQL cases (CSV tables and expected result sets
 * under the shared reference data) in, one JUnit case each against the running test server out.
 */
package se.region.cdr.server.aql;
