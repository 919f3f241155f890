/** The PostgreSQL connection: embedded or external, pooled, migrated at start. */
package se.region.cdr.core.db;
