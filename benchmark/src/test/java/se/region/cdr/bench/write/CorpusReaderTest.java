package se.region.cdr.bench.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines are merged by seq and the composition is cut out of the line exactly. */
class CorpusReaderTest {

  @TempDir Path temp;

  @Test
  void cutsTheCompositionOutOfTheLine() {
    String line =
        "{\"seq\":7,\"ehr\":3,\"template_id\":\"T\","
            + "\"composition\":{\"a\":[1,{\"b\":\"}\"}]},\"x\":1}";
    CorpusEntry entry = CorpusReader.parse(line);
    assertEquals(new CorpusEntry(7, 3, "T", "{\"a\":[1,{\"b\":\"}\"}]}"), entry);
  }

  @Test
  void cutsNonAsciiCompositionsByCharacters() throws Exception {
    String composition = "{\"name\":\"SpO₂\",\"value\":97.0}";
    CorpusEntry entry =
        CorpusReader.parse(
            "{\"seq\":1,\"ehr\":0,\"template_id\":\"T\",\"composition\":" + composition + "}");
    assertEquals(
        new ObjectMapper().readTree(composition),
        new ObjectMapper().readTree(entry.compositionJson()));
  }

  @Test
  void mergesFilesBySeq() throws Exception {
    Path a = Files.writeString(temp.resolve("a.jsonl"), line(0) + line(3) + line(4));
    Path b = Files.writeString(temp.resolve("b.jsonl"), line(1) + line(2) + "\n" + line(5));
    try (CorpusReader reader = new CorpusReader(List.of(a, b))) {
      for (long seq = 0; seq <= 5; seq++) {
        assertEquals(seq, reader.next().seq());
      }
      assertNull(reader.next());
    }
  }

  private static String line(long seq) {
    return "{\"seq\":" + seq + ",\"ehr\":0,\"template_id\":\"T\",\"composition\":{}}\n";
  }
}
