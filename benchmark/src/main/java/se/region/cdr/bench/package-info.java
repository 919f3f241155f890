/**
 * The benchmark command line of ../shared/BENCHMARK.md. In: a subcommand and its options. Out: a
 * corpus directory ({@code generate}) or a results directory ({@code load}, {@code query}, {@code
 * write}).
 */
package se.region.cdr.bench;
