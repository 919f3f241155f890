/** Operational templates: OPT 1.4 XML in, parsed templates and web templates out; persisted in PostgreSQL. */
package se.region.cdr.core.template;
