package se.region.cdr.loader.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;

/**
 * One line of a JSON Lines input, parsed when first asked (on the worker thread that maps it, not
 * on the thread that reads the file). With a raw field (the field holding a whole canonical
 * composition), the line is first read without building that field's tree: its JSON text is kept
 * as it stands in the line ({@link #rawJson}; whoever reads it checks it is JSON), and values are
 * read from the other fields. Anything unusual (not an object, invalid JSON outside the raw field,
 * the raw field twice or not an object) and the line is read as one tree, as {@link
 * ObjectMapper#readTree(String)} reads it, which then answers everything.
 * Not thread-safe; a record is used by one thread at a time.
 */
final class JsonLine implements SourceRecord {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final long number;
  private final long line;
  private final String text;
  /** The line's bytes as read (UTF-8), or null. */
  private final byte[] utf8;
  private final String rawField;
  private boolean splitTried;
  private ObjectNode others;
  private String rawJson;
  private ByteBuffer rawJsonUtf8;
  private boolean treeRead;
  private JsonNode tree;
  private String problem;

  JsonLine(long number, long line, String text, byte[] utf8, String rawField) {
    this.number = number;
    this.line = line;
    this.text = text;
    this.utf8 = utf8;
    this.rawField = rawField;
  }

  @Override
  public long number() {
    return number;
  }

  @Override
  public long line() {
    return line;
  }

  @Override
  public String value(String source) {
    JsonNode from = rawField != null && !source.contains(rawField) && !treeRead && split() ? others : tree();
    return JsonRecord.valueAt(from, source, null);
  }

  @Override
  public JsonNode field(String name) {
    JsonNode t = tree();
    return t == null ? null : t.get(name);
  }

  @Override
  public String rawJson(String name) {
    return name.equals(rawField) && !treeRead && split() ? rawJson : null;
  }

  @Override
  public ByteBuffer rawJsonUtf8(String name) {
    return rawJson(name) != null ? rawJsonUtf8 : null;
  }

  @Override
  public ObjectNode raw() {
    return tree() instanceof ObjectNode o ? o.deepCopy() : JsonNodeFactory.instance.objectNode().put("_unreadable", true);
  }

  /**
   * Null when the line is a JSON object; the raw field's text is then not yet checked (its reader
   * does that), and once {@link #tree} has read the whole line this answers for it.
   */
  @Override
  public String problem() {
    if (!treeRead && split()) {
      return null;
    }
    tree();
    return problem;
  }

  /**
   * Reads the line with the raw field kept as text: the field's object is found by {@link
   * TopLevelField} and the rest of the line read as a tree; false when that did not work out
   * (then: {@link #tree}).
   */
  private boolean split() {
    if (!splitTried) {
      splitTried = true;
      int[] span = TopLevelField.objectValue(text, rawField);
      if (span == null) {
        return false;
      }
      try {
        JsonNode rest = JSON.readTree(text.substring(0, span[0]) + "0" + text.substring(span[1]));
        if (rest instanceof ObjectNode fields && fields.remove(rawField) != null && !fields.has(rawField)) {
          others = fields;
          rawJson = text.substring(span[0], span[1]);
          rawJsonUtf8 = utf8Slice(span);
        }
      } catch (JsonProcessingException e) {
        return false;
      }
    }
    return others != null;
  }

  /**
   * The bytes of the line's span [start, end) when the line's text is their faithful decoding (no
   * U+FFFD, which a malformed byte would have become): the span's byte offsets then follow from the
   * UTF-8 lengths of the text before and after it.
   */
  private ByteBuffer utf8Slice(int[] span) {
    if (utf8 == null || text.indexOf('\uFFFD') >= 0) {
      return null;
    }
    int from = utf8Length(text, 0, span[0]);
    int to = utf8.length - utf8Length(text, span[1], text.length());
    return ByteBuffer.wrap(utf8, from, to - from).slice().asReadOnlyBuffer();
  }

  /** The number of bytes of text[from, to) in UTF-8 (a surrogate pair is four, each half two). */
  static int utf8Length(String text, int from, int to) {
    int bytes = 0;
    for (int i = from; i < to; i++) {
      char ch = text.charAt(i);
      bytes += ch < 0x80 ? 1 : ch < 0x800 || Character.isSurrogate(ch) ? 2 : 3;
    }
    return bytes;
  }

  /** The whole line as one tree; null (and a problem) when it is not a JSON object. */
  private JsonNode tree() {
    if (!treeRead) {
      treeRead = true;
      try {
        JsonNode node = JSON.readTree(text);
        if (node.isObject()) {
          tree = node;
        } else {
          problem = "line " + line + " is not a JSON object";
        }
      } catch (JsonProcessingException e) {
        problem = "line " + line + " is not valid JSON: " + e.getOriginalMessage();
      }
    }
    return tree;
  }
}
