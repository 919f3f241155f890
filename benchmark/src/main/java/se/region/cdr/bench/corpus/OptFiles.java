package se.region.cdr.bench.corpus;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the corpus OPTs are: the shared reference data beside the repository ({@code
 * ../shared/reference-data/...}), never a copy inside it.
 */
public final class OptFiles {

  static final Path RELATIVE =
      Path.of("shared/reference-data/openEHR_SDK/test-data/src/main/resources/operationaltemplate");

  private OptFiles() {}

  /**
   * The OPT directory, found by walking up from the working directory, then from where this class
   * was loaded (the jar in {@code benchmark/target}).
   */
  public static Path locate() {
    List<Path> starts = new ArrayList<>();
    starts.add(Path.of("").toAbsolutePath());
    codeLocation().ifPresent(starts::add);
    for (Path start : starts) {
      for (Path dir = start; dir != null; dir = dir.getParent()) {
        if (Files.isDirectory(dir.resolve(RELATIVE))) {
          return dir.resolve(RELATIVE);
        }
      }
    }
    throw new IllegalArgumentException("no " + RELATIVE + " above " + starts + "; pass --opt-dir");
  }

  public static Path of(Path directory, CorpusTemplate template) {
    return directory.resolve(template.optFileName());
  }

  private static Optional<Path> codeLocation() {
    try {
      return Optional.of(
          Path.of(OptFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return Optional.empty();
    }
  }
}
