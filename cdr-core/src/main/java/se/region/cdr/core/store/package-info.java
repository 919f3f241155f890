/**
 * PostgreSQL storage: EHRs, contributions, versioned compositions split into archetype-rooted
 * content nodes. In: RM trees and ids; out: stored rows and reassembled canonical JSON.
 */
package se.region.cdr.core.store;
