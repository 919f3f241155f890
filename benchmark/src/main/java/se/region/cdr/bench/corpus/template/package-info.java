/**
 * One builder per corpus template. In: plain value records (vital signs, lab results, problems).
 * Out: canonical JSON compositions valid against the template's OPT, and their second versions.
 */
package se.region.cdr.bench.corpus.template;
