/** Server wiring and start-up: configuration in, a running HTTP server over the core services out. */
package se.region.cdr.server;
