package se.region.cdr.bench.corpus;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** Writes compositions as JSON Lines, one file per template plus one for second versions. */
final class CorpusWriter implements CompositionSink {

  private final ObjectMapper mapper;
  private final Map<CorpusTemplate, BufferedWriter> files = new EnumMap<>(CorpusTemplate.class);
  private final BufferedWriter updates;

  CorpusWriter(Path directory, ObjectMapper mapper) throws IOException {
    this.mapper = requireNonNull(mapper, "mapper is null");
    Files.createDirectories(directory);
    for (CorpusTemplate template : CorpusTemplate.values()) {
      files.put(
          template,
          Files.newBufferedWriter(directory.resolve(template.fileName()), StandardCharsets.UTF_8));
    }
    this.updates =
        Files.newBufferedWriter(directory.resolve(CorpusFiles.UPDATES), StandardCharsets.UTF_8);
  }

  @Override
  public void composition(CorpusTemplate template, long seq, int ehr, ObjectNode composition)
      throws IOException {
    write(files.get(template), template, seq, ehr, composition);
  }

  @Override
  public void update(CorpusTemplate template, long seq, int ehr, ObjectNode composition)
      throws IOException {
    write(updates, template, seq, ehr, composition);
  }

  private void write(
      BufferedWriter out, CorpusTemplate template, long seq, int ehr, ObjectNode composition)
      throws IOException {
    ObjectNode line = mapper.createObjectNode();
    line.put(CorpusFiles.SEQ, seq);
    line.put(CorpusFiles.EHR, ehr);
    line.put(CorpusFiles.SUBJECT_ID, Subjects.idOf(ehr));
    line.put(CorpusFiles.TEMPLATE_ID, template.templateId());
    line.set(CorpusFiles.COMPOSITION, composition);
    out.write(mapper.writeValueAsString(line));
    out.write('\n');
  }

  @Override
  public void close() throws IOException {
    for (BufferedWriter file : files.values()) {
      file.close();
    }
    updates.close();
  }
}
