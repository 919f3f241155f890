/**
 * Canonical JSON building blocks for openEHR RM objects (data values, locatables, the composition
 * envelope). In: values, node ids and names from an OPT. Out: Jackson {@code ObjectNode}s.
 */
package se.region.cdr.bench.corpus.rm;
