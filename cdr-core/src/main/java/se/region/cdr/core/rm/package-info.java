/** RM objects on the wire: canonical JSON/XML and FLAT formats in and out, and validation against an OPT. */
package se.region.cdr.core.rm;
