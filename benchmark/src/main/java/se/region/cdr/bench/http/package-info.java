/**
 * The openEHR REST calls of the harness (templates, EHRs, compositions, AQL, the admin EXPLAIN).
 * In: a loopback base URL and request bodies. Out: status, version uid and body of each response.
 */
package se.region.cdr.bench.http;
