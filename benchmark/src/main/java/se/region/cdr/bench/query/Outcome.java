package se.region.cdr.bench.query;

/** What one run returned: its hit count, and why it does not match the manifest (or null). */
record Outcome(long hits, String mismatch) {

  static Outcome of(long hits, long expected) {
    return new Outcome(
        hits, hits == expected ? null : "expected " + expected + " hits, got " + hits);
  }

  boolean ok() {
    return mismatch == null;
  }
}
