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
 *
 * <p>{@code inStatus} (may be null): SQL for the same path in canonical JSON, for the rows of a
 * variable whose objects are also found in the EHR_STATUS ({@link Var#inStatus}); {@code sql} is
 * then whichever of the two the row has, and a selected canonical value comes as {@code {"@c":
 * value}}, which decoding takes as it is.
 */
record Value(String sql, Shape shape, String attribute, boolean partyName, String descendants, String inStatus) {
  enum Shape { COMPACT, CANONICAL, TREE }

  /** Marks a selected value that is canonical JSON already, in a column of compact or tree values. */
  static final String CANONICAL_MARK = "@c";

  Value(String sql, Shape shape, String attribute, boolean partyName, String descendants) {
    this(sql, shape, attribute, partyName, descendants, null);
  }

  /** This value for rows of compositions, or {@code canonical} (the same path's) for rows of the EHR_STATUS. */
  Value orInStatus(String canonical) {
    return new Value("coalesce(" + sql + ", " + canonical + ")", shape, attribute, partyName, descendants, canonical);
  }

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
    if (inStatus != null) {
      String own = new Value(sql, shape, attribute, partyName, descendants).selected();
      return "case when " + inStatus + " is not null then jsonb_build_object('" + CANONICAL_MARK + "', " + inStatus + ") else " + own + " end";
    }
    if (shape != Shape.COMPACT || descendants == null) {
      return sql;
    }
    return "case when jsonb_typeof(" + sql + ") in ('object', 'array') and strpos((" + sql + ")::text, '\"@n\"') > 0 then jsonb_build_object('@v', "
        + sql + ", '@nodes', " + descendants + ") else " + sql + " end";
  }
}
