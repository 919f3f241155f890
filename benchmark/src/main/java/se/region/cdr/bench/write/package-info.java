/**
 * The write classes of BENCHMARK.md (W1 commit, W3 update) over HTTP against one openEHR server.
 * In: a corpus directory and the server's base URL. Out: {@code results.json} and {@code
 * results.md}.
 */
package se.region.cdr.bench.write;
