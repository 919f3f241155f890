package se.region.cdr.bench.write;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import se.region.cdr.bench.corpus.CorpusFiles;
import se.region.cdr.bench.corpus.CorpusTemplate;

/** A generated corpus directory: its manifest and readers over its files. */
final class Corpus {

  private final Path directory;
  private final JsonNode manifest;

  private Corpus(Path directory, JsonNode manifest) {
    this.directory = requireNonNull(directory, "directory is null");
    this.manifest = requireNonNull(manifest, "manifest is null");
  }

  static Corpus open(Path directory) throws IOException {
    return new Corpus(
        directory, new ObjectMapper().readTree(directory.resolve(CorpusFiles.MANIFEST).toFile()));
  }

  JsonNode manifest() {
    return manifest;
  }

  int ehrCount() {
    return manifest.get("ehrs").asInt();
  }

  Path directory() {
    return directory;
  }

  /** All first versions, in generation order. */
  CorpusReader compositions() throws IOException {
    List<Path> files = new ArrayList<>();
    for (CorpusTemplate template : CorpusTemplate.values()) {
      files.add(directory.resolve(template.fileName()));
    }
    return new CorpusReader(files);
  }

  /** The second versions, in generation order. */
  CorpusReader updates() throws IOException {
    return new CorpusReader(List.of(directory.resolve(CorpusFiles.UPDATES)));
  }
}
