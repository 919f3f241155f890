/**
 * Mapping files: their model ({@link se.region.cdr.loader.mapping.Mapping}, field rules, code tables,
 * unit conversions), the YAML/JSON parser and the load-time check of FLAT paths against the template.
 */
package se.region.cdr.loader.mapping;
