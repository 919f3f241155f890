package se.region.cdr.core.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One archetype-rooted node of a composition as stored in {@code comp_node}: its pre-order
 * number, the last number in its subtree, its parent's number (-1 for the root), its archetype
 * and RM type, and its own canonical JSON with archetyped children replaced by {"@n": num}.
 */
public record ContentNode(int num, int numCap, int parentNum, String archetypeId, String rmType, ObjectNode data) {}
