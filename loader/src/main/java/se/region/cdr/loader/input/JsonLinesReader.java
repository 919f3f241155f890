package se.region.cdr.loader.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;

/** JSON Lines: one JSON object per line; blank lines are skipped, a line that is not an object is a bad record. */
public final class JsonLinesReader implements RecordReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BufferedReader in;
  private long line = 0;
  private long number = 0;

  public JsonLinesReader(InputStream input, Charset encoding) {
    this.in = new BufferedReader(new InputStreamReader(input, encoding), 1 << 16);
  }

  @Override
  public SourceRecord next() throws IOException {
    String text;
    do {
      text = in.readLine();
      line++;
      if (text == null) {
        return null;
      }
    } while (text.isBlank());
    number++;
    try {
      JsonNode node = JSON.readTree(text);
      if (!node.isObject()) {
        return new JsonRecord(number, line, null, null, "line " + line + " is not a JSON object");
      }
      return new JsonRecord(number, line, node, null, null);
    } catch (JsonProcessingException e) {
      return new JsonRecord(number, line, null, null, "line " + line + " is not valid JSON: " + e.getOriginalMessage());
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
