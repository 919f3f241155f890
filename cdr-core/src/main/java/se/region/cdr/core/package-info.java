/** Core of the CDR: configuration, the error model, and what every other module shares. */
package se.region.cdr.core;
