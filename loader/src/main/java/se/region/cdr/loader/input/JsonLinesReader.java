package se.region.cdr.loader.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * JSON Lines: one JSON object per line; blank lines are skipped, a line that is not an object is a
 * bad record. Lines are parsed by whoever reads their values ({@link JsonLine}), not here. UTF-8
 * input (the usual) is split into lines before decoding ({@link Utf8Lines}), other encodings go
 * through a Reader.
 */
public final class JsonLinesReader implements RecordReader {
  private final Utf8Lines utf8;
  private final BufferedReader other;
  private final String rawField;
  private long line = 0;
  private long number = 0;

  /** @param rawField the field whose JSON text the records keep as read (a canonical composition), or null */
  public JsonLinesReader(InputStream input, Charset encoding, String rawField) {
    boolean isUtf8 = StandardCharsets.UTF_8.equals(encoding);
    this.utf8 = isUtf8 ? new Utf8Lines(input) : null;
    this.other = isUtf8 ? null : new BufferedReader(new InputStreamReader(input, encoding), 1 << 16);
    this.rawField = rawField;
  }

  @Override
  public SourceRecord next() throws IOException {
    Utf8Lines.Line next;
    do {
      next = readLine();
      line++;
      if (next == null) {
        return null;
      }
    } while (next.text().isBlank());
    number++;
    return new JsonLine(number, line, next.text(), next.utf8(), rawField);
  }

  /** The next line; its bytes only when the input is UTF-8. */
  private Utf8Lines.Line readLine() throws IOException {
    if (utf8 != null) {
      return utf8.readLine();
    }
    String text = other.readLine();
    return text == null ? null : new Utf8Lines.Line(text, null);
  }

  @Override
  public void close() throws IOException {
    if (utf8 != null) {
      utf8.close();
    } else {
      other.close();
    }
  }
}
