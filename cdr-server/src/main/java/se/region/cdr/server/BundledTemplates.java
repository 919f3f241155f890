package se.region.cdr.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.region.cdr.core.template.TemplateStore;

/** Loads the project's OPTs (the {@code templates} module, on the classpath under templates/) at start-up. */
final class BundledTemplates {
  private static final Logger log = LoggerFactory.getLogger(BundledTemplates.class);
  private static final String MARKER = "templates/README.md";

  private BundledTemplates() {}

  static void load(TemplateStore store) {
    URL marker = BundledTemplates.class.getClassLoader().getResource(MARKER);
    if (marker == null) {
      log.warn("No bundled templates found on the classpath ({} missing)", MARKER);
      return;
    }
    try {
      if ("jar".equals(marker.getProtocol())) {
        try (FileSystem fs = FileSystems.newFileSystem(marker.toURI(), Map.of())) {
          loadFrom(store, fs.getPath("/templates"));
        }
      } else {
        loadFrom(store, Path.of(marker.toURI()).getParent());
      }
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("Could not read bundled templates", e);
    }
  }

  private static void loadFrom(TemplateStore store, Path dir) throws IOException {
    List<Path> opts;
    try (Stream<Path> files = Files.walk(dir)) {
      opts = files.filter(p -> p.toString().endsWith(".opt")).sorted().toList();
    }
    for (Path opt : opts) {
      try (InputStream in = Files.newInputStream(opt)) {
        boolean added = store.addIfAbsent(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        log.info("Template {} {}", opt.getFileName(), added ? "loaded" : "already stored");
      }
    }
  }
}
