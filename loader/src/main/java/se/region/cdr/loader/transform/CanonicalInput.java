package se.region.cdr.loader.transform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import se.region.cdr.core.store.StoredContent;

/**
 * A canonical composition as a record carries it: its JSON text when the reader kept it, the
 * {@link TextShape} that text matched (if any), and its tree, built only when asked for. Not
 * thread-safe; a record is used by one thread at a time.
 */
public final class CanonicalInput {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String text;
  private final TextShape.Match match;
  private JsonNode tree;

  private CanonicalInput(String text, TextShape.Match match, JsonNode tree) {
    this.text = text;
    this.match = match;
    this.tree = tree;
  }

  static CanonicalInput ofText(String text, TextShape.Match match) {
    return new CanonicalInput(text, match, null);
  }

  static CanonicalInput ofTree(ObjectNode tree) {
    return new CanonicalInput(null, null, tree);
  }

  /** The text shape the composition's text matched, or null. */
  TextShape.Match match() {
    return match;
  }

  /** Whether the composition's text matched a known text shape when it was read. */
  public boolean matchedText() {
    return match != null;
  }

  /**
   * The composition's stored content made from its text alone, when the text matched a checked
   * shape's and its data values pass the leaf checks; else null (the tree decides).
   */
  public StoredContent fromText() {
    return match == null ? null : match.prepare();
  }

  /** What the tree path stored for the composition, for its text shape to learn from (nothing without one). */
  public void storedFromTree(String[] stored) {
    if (match != null) {
      match.learnVariant(stored);
    }
  }

  /** The composition's tree (parsed from its text on first use); null when the text is not a JSON object. */
  public ObjectNode tree() {
    if (tree == null) {
      try {
        tree = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        tree = JSON.nullNode();
      }
    }
    return tree instanceof ObjectNode o ? o : null;
  }

  /** The JSON text the content hash covers: the tree as Jackson writes it (the text itself when it matched a text shape). */
  String hashedText() {
    return match != null ? match.text() : tree().toString();
  }
}
