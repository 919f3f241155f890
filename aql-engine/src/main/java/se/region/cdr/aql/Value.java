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
 *
 * <p>{@code descendants} (COMPACT only, may be null): SQL for the rows of the archetyped nodes below
 * the node the value sits in, in the TREE {@code nodes} form, so that a selected object holding
 * placeholders of archetyped children (e.g. an ITEM_TREE with an archetyped CLUSTER) can be filled in.
 */
record Value(String sql, Shape shape, String attribute, boolean partyName, String descendants) {
  enum Shape { COMPACT, CANONICAL, TREE }

  static Value canonical(String sql) {
    return new Value(sql, Shape.CANONICAL, null, false, null);
  }

  static Value tree(String sql) {
    return new Value(sql, Shape.TREE, null, false, null);
  }

  static Value compact(String sql, String attribute, boolean partyName, String descendants) {
    return new Value(sql, Shape.COMPACT, attribute, partyName, descendants);
  }

  /**
   * The SQL to select: a compact object that holds child placeholders comes with its node's
   * descendants as {@code {"@v": value, "@nodes": rows}}. Not for grouped or aggregated results.
   */
  String selected() {
    if (shape != Shape.COMPACT || descendants == null) {
      return sql;
    }
    return "case when jsonb_typeof(" + sql + ") in ('object', 'array') and strpos((" + sql + ")::text, '\"@n\"') > 0 then jsonb_build_object('@v', "
        + sql + ", '@nodes', " + descendants + ") else " + sql + " end";
  }
}
