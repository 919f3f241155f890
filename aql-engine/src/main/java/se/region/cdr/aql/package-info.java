/** The AQL engine: AQL text in, one parameterised PostgreSQL statement and its result columns out. */
package se.region.cdr.aql;
