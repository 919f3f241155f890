package se.region.cdr.bench.write;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import se.region.cdr.bench.corpus.CorpusFiles;

/**
 * Streams corpus lines from one or more JSON-Lines files, merged by {@code seq} so the order is the
 * generation order. The composition is cut out of the line as written, not re-serialised, to keep
 * the client's CPU share small. Not thread-safe.
 */
final class CorpusReader implements Closeable {

  private static final JsonFactory JSON = new JsonFactory();

  private final List<BufferedReader> readers = new ArrayList<>();
  private final List<CorpusEntry> heads = new ArrayList<>();

  CorpusReader(List<Path> files) throws IOException {
    for (Path file : requireNonNull(files, "files is null")) {
      BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
      readers.add(reader);
      heads.add(readLine(reader));
    }
  }

  /** The entry with the lowest {@code seq} not yet returned, or {@code null} at the end. */
  CorpusEntry next() throws IOException {
    int lowest = -1;
    for (int i = 0; i < heads.size(); i++) {
      CorpusEntry head = heads.get(i);
      if (head != null && (lowest < 0 || head.seq() < heads.get(lowest).seq())) {
        lowest = i;
      }
    }
    if (lowest < 0) {
      return null;
    }
    CorpusEntry entry = heads.get(lowest);
    heads.set(lowest, readLine(readers.get(lowest)));
    return entry;
  }

  private static CorpusEntry readLine(BufferedReader reader) throws IOException {
    String line = reader.readLine();
    while (line != null && line.isBlank()) {
      line = reader.readLine();
    }
    return line == null ? null : parse(line);
  }

  static CorpusEntry parse(String line) {
    long seq = -1;
    int ehr = -1;
    String templateId = null;
    String composition = null;
    try (JsonParser parser = JSON.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a corpus line: " + abbreviate(line));
      }
      String field;
      while ((field = parser.nextFieldName()) != null) {
        JsonToken value = parser.nextToken();
        switch (field) {
          case CorpusFiles.SEQ -> seq = parser.getLongValue();
          case CorpusFiles.EHR -> ehr = parser.getIntValue();
          case CorpusFiles.TEMPLATE_ID -> templateId = parser.getText();
          case CorpusFiles.COMPOSITION -> {
            int start = (int) parser.currentTokenLocation().getCharOffset();
            parser.skipChildren();
            int end = (int) parser.currentLocation().getCharOffset();
            composition = line.substring(start, end);
          }
          default -> {
            if (value.isStructStart()) {
              parser.skipChildren();
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (seq < 0 || ehr < 0 || templateId == null || composition == null) {
      throw new IllegalArgumentException("incomplete corpus line: " + abbreviate(line));
    }
    return new CorpusEntry(seq, ehr, templateId, composition);
  }

  private static String abbreviate(String line) {
    return line.length() > 120 ? line.substring(0, 120) + "..." : line;
  }

  @Override
  public void close() throws IOException {
    for (BufferedReader reader : readers) {
      reader.close();
    }
  }
}
