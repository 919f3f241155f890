package se.region.cdr.bench.corpus;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the corpus OPTs are: the shared reference data beside the repository ({@code
 * ../shared/reference-data/...}), never a copy inside it.
 */
public final class OptFiles {

  static final Path RELATIVE =
      Path.of("shared/reference-data/openEHR_SDK/test-data/src/main/resources/operationaltemplate");

  private OptFiles() {}

  /** The OPT directory, found by walking up from the working directory. */
  public static Path locate() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(RELATIVE))) {
        return dir.resolve(RELATIVE);
      }
    }
    throw new IllegalStateException("no " + RELATIVE + " above " + start + "; pass --opt-dir");
  }

  public static Path of(Path directory, CorpusTemplate template) {
    return directory.resolve(template.optFileName());
  }
}
