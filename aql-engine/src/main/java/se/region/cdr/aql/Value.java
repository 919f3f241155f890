package se.region.cdr.aql;

/**
 * A compiled path or expression: SQL of type jsonb and how to turn what it returns into the
 * result's JSON.
 *
 * <ul>
 *   <li>{@code COMPACT}: stored node JSON found at RM attribute {@code attribute} (decoded with
 *       its RM default type; {@code partyName} for the plain-string name of a party),
 *   <li>{@code CANONICAL}: already canonical JSON or a plain scalar,
 *   <li>{@code TREE}: a whole archetype-rooted subtree ({@code {"nodes": [[num, archetype id, rm
 *       type, data]...], "lang": ..., "uid": ...}}) to be reassembled.
 * </ul>
 */
record Value(String sql, Shape shape, String attribute, boolean partyName) {
  enum Shape { COMPACT, CANONICAL, TREE }

  static Value canonical(String sql) {
    return new Value(sql, Shape.CANONICAL, null, false);
  }

  static Value tree(String sql) {
    return new Value(sql, Shape.TREE, null, false);
  }
}
