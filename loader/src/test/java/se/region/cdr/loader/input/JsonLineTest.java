package se.region.cdr.loader.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * JSON Lines records keep the composition field as text and answer everything else as a record
 * read as one tree would: values, the quarantine copy, and the problem of a line that is not a JSON
 * object (the same message as before, whichever part of the line is broken).
 */
class JsonLineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COMPOSITION = "{\"_type\":\"COMPOSITION\",\"name\":{\"value\":\"a \\\"}\\\" b\"},\"items\":[{\"x\":1},{}]}";

  private static List<SourceRecord> read(String... lines) throws Exception {
    JsonLinesReader reader = new JsonLinesReader(new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8, "composition");
    List<SourceRecord> out = new java.util.ArrayList<>();
    SourceRecord r;
    while ((r = reader.next()) != null) {
      out.add(r);
    }
    return out;
  }

  /** What the reader said of a line before it kept the composition as text: the message of reading the line as one tree. */
  private static String treeProblem(String line) {
    try {
      return JSON.readTree(line).isObject() ? null : "not an object";
    } catch (Exception e) {
      return "line 1 is not valid JSON: " + ((com.fasterxml.jackson.core.JsonProcessingException) e).getOriginalMessage();
    }
  }

  @Test
  void theCompositionIsKeptAsTextAndTheOtherFieldsRead() throws Exception {
    String line = "{\"seq\":7,\"subject_id\":\"pseudo-1\",\"composition\":" + COMPOSITION + ",\"after\":\"x\"}";
    SourceRecord r = read(line).get(0);
    assertNull(r.problem());
    assertEquals(COMPOSITION, r.rawJson("composition"));
    assertEquals("7", r.value("seq"));
    assertEquals("pseudo-1", r.value("subject_id"));
    assertEquals("x", r.value("after"));
    assertEquals(JSON.readTree(line), r.raw());
    assertEquals(JSON.readTree(COMPOSITION), r.field("composition"));
  }

  @Test
  void theCompositionsBytesAreItsTextInUtf8() throws Exception {
    String composition = "{\"_type\":\"COMPOSITION\",\"unit\":\"SpO₂ 😀 å\"}";
    for (String line : List.of("{\"seq\":1,\"subject_id\":\"Åsa ₂\",\"composition\":" + composition + ",\"after\":\"😀 é\"}",
        "{\"composition\":" + composition + "}")) {
      SourceRecord r = read(line).get(0);
      assertEquals(composition, r.rawJson("composition"));
      java.nio.ByteBuffer utf8 = r.rawJsonUtf8("composition");
      byte[] bytes = new byte[utf8.remaining()];
      utf8.duplicate().get(bytes);
      assertArrayEquals(composition.getBytes(StandardCharsets.UTF_8), bytes, line);
      assertNull(r.rawJsonUtf8("seq"));
    }
    // a malformed byte (read as U+FFFD): no bytes, the text is encoded again
    byte[] malformed = ("{\"seq\":\"x\",\"composition\":" + composition + "}").getBytes(StandardCharsets.UTF_8);
    malformed[8] = (byte) 0xff; // the x
    JsonLinesReader reader = new JsonLinesReader(new ByteArrayInputStream(malformed), StandardCharsets.UTF_8, "composition");
    SourceRecord broken = reader.next();
    assertEquals(composition, broken.rawJson("composition"));
    assertNull(broken.rawJsonUtf8("composition"));
  }

  @Test
  void anotherEncodingIsReadThroughAReader() throws Exception {
    String line = "{\"seq\":1,\"subject_id\":\"Åsa\",\"composition\":" + COMPOSITION + "}";
    byte[] latin1 = ("\n" + line + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    JsonLinesReader reader = new JsonLinesReader(new ByteArrayInputStream(latin1), StandardCharsets.ISO_8859_1, "composition");
    SourceRecord r = reader.next();
    assertEquals(2, r.line());
    assertEquals("Åsa", r.value("subject_id"));
    assertEquals(COMPOSITION, r.rawJson("composition"));
    assertNull(r.rawJsonUtf8("composition"));
    assertNull(reader.next());
  }

  @Test
  void unusualLinesAreReadAsOneTree() throws Exception {
    List<String> lines = List.of(
        "{\"seq\":1,\"composition\":" + COMPOSITION + ",\"composition\":" + COMPOSITION + "}", // twice
        "{\"seq\":1,\"compo\\u0073ition\":" + COMPOSITION + "}", // an escaped name
        "{\"seq\":1,\"composition\":[1]}", // not an object
        "{\"seq\":1,\"nested\":{\"composition\":" + COMPOSITION + "}}"); // not top-level
    for (String line : lines) {
      SourceRecord r = read(line).get(0);
      assertNull(r.rawJson("composition"), line);
      assertNull(r.problem(), line);
      assertEquals("1", r.value("seq"), line);
      assertEquals(JSON.readTree(line).get("composition"), r.field("composition"), line);
    }
  }

  @Test
  void aBrokenLineNamesTheSameProblemAsBefore() throws Exception {
    List<String> lines = List.of(
        "{\"seq\":1,\"composition\":{\"_type\":\"COMPOSITION\",\"name\":}}", // broken inside the composition
        "{\"seq\":1,\"composition\":{\"_type\":\"COMPOSITION\"}, \"x\":}", // broken outside it
        "{\"seq\":1,\"composition\":{\"_type\":\"COMPOSITION\"", // not closed
        "[1, 2]");
    for (String line : lines) {
      SourceRecord r = read(line).get(0);
      if (r.rawJson("composition") != null) {
        // the text is checked by whoever reads it; when it is not JSON, the record reads as a whole
        assertNull(r.field("composition"), line);
      }
      String expected = treeProblem(line);
      assertEquals(expected.equals("not an object") ? "line 1 is not a JSON object" : expected, r.problem(), line);
      assertNull(r.value("seq"), line);
    }
  }
}
