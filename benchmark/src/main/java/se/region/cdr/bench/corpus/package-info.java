/**
 * The seeded corpus generator. In: seed and sizes. Out: JSON-Lines files of canonical compositions
 * (one per template, plus second versions) and a manifest of the expected query answers.
 */
package se.region.cdr.bench.corpus;
