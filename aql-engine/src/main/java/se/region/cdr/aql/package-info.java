/**
 * The AQL engine: {@link se.region.cdr.aql.AqlParsing} parses AQL with the EHRbase SDK parser,
 * {@link se.region.cdr.aql.QueryCompiler} compiles the query to one parameterised SQL statement
 * over the storage layout of cdr-core, and {@link se.region.cdr.aql.AqlService} runs it and
 * shapes the openEHR result set.
 */
package se.region.cdr.aql;
