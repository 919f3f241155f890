/** The openEHR REST API (Release 1.0.3) as Jersey resources. In: HTTP requests; out: calls on the core services. */
package se.region.cdr.server.rest;
