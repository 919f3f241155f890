package se.region.cdr.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import se.region.cdr.core.CdrConfig;
import se.region.cdr.loader.LoadOptions;
import se.region.cdr.loader.LoadReport;
import se.region.cdr.loader.Loader;
import se.region.cdr.loader.LoaderException;
import se.region.cdr.loader.mapping.Mapping;
import se.region.cdr.loader.mapping.MappingException;

/**
 * {@code load --mapping <file|id> --input <file> [--batch N] [--threads N] [--report <file>]}: runs the
 * bulk loader against the configured database (the same CDR_* settings as the server, embedded by
 * default), prints progress to stderr and the text report to stdout, and writes the JSON report
 * next to the input ({@code <input>.report.json}) or to {@code --report}. Exit code 0 when the run
 * completed (rejected records included), 2 for a bad mapping or arguments, 1 otherwise.
 */
final class LoadCommand {
  static final String USAGE = "usage: load --mapping <file|id> --input <file> [--batch N] [--threads N] [--report <file>]";

  private LoadCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    String mappingArg = null;
    String inputArg = null;
    String reportArg = null;
    int batch = LoadOptions.DEFAULT_BATCH;
    int threads = Runtime.getRuntime().availableProcessors();
    try {
      for (int i = 1; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--mapping" -> mappingArg = value;
          case "--input" -> inputArg = value;
          case "--report" -> reportArg = value;
          case "--batch" -> batch = Integer.parseInt(value);
          case "--threads" -> threads = Integer.parseInt(value);
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
        i++;
      }
      if (mappingArg == null || inputArg == null || batch < 1 || threads < 1) {
        throw new IllegalArgumentException("--mapping and --input are required; --batch and --threads must be positive");
      }
    } catch (RuntimeException e) {
      err.println(e.getMessage() + "\n" + USAGE);
      return 2;
    }
    Path input = Path.of(inputArg).toAbsolutePath();
    if (!Files.isRegularFile(input)) {
      err.println("input " + input + " is not a file");
      return 2;
    }
    try (Cdr cdr = Cdr.start(CdrConfig.fromEnvironment())) {
      Loader loader = cdr.loader();
      Mapping mapping;
      Path mappingFile = Path.of(mappingArg);
      if (Files.isRegularFile(mappingFile)) {
        mapping = loader.parseAndCheck(Files.readString(mappingFile, StandardCharsets.UTF_8));
      } else {
        mapping = cdr.mappings().find(mappingArg, null);
      }
      err.printf(Locale.ROOT, "Loading %s with mapping %s (batch %d, %d threads)%n", input.getFileName(), mapping.label(), batch, threads);
      long[] lastPrint = {0};
      LoadReport report = loader.load(mapping, input, new LoadOptions(batch, threads, input.getFileName().toString()), (records, seconds, here) -> {
        long now = System.nanoTime();
        if (now - lastPrint[0] > 1_000_000_000L) {
          lastPrint[0] = now;
          err.printf(Locale.ROOT, "  %,d records, %,.0f records/s%n", records, here / Math.max(seconds, 1e-9));
        }
      });
      out.print(report.toText());
      Path reportFile = reportArg != null ? Path.of(reportArg) : input.resolveSibling(input.getFileName() + ".report.json");
      Files.writeString(reportFile, report.toJson().toPrettyString() + "\n", StandardCharsets.UTF_8);
      out.println("  report     " + reportFile);
      return 0;
    } catch (MappingException e) {
      err.println("Bad mapping: " + e.getMessage());
      return 2;
    } catch (LoaderException | IOException e) {
      err.println("Load failed: " + e.getMessage());
      return 1;
    }
  }
}
