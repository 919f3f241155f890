package se.region.cdr.bench.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import se.region.cdr.bench.Arguments;

/**
 * The {@code generate} subcommand: {@code --seed --ehrs --per-ehr --out}, and {@code
 * --manifest-only true} to write only {@code manifest.json} (hit rates of a scale without its
 * files).
 */
public final class GenerateCommand {

  private GenerateCommand() {}

  public static void run(String[] args) throws IOException {
    Arguments arguments =
        Arguments.parse(args, Set.of("seed", "ehrs", "per-ehr", "out", "manifest-only"));
    long seed = arguments.longValue("seed", 42);
    int ehrs = arguments.integer("ehrs", 1000);
    int perEhr = arguments.integer("per-ehr", 20);
    Path out = Path.of(arguments.required("out"));
    boolean manifestOnly = Boolean.parseBoolean(arguments.optional("manifest-only", "false"));
    long started = System.nanoTime();
    CorpusGenerator generator = new CorpusGenerator(seed, ehrs, perEhr, Icd10Catalogue.load());
    if (manifestOnly) {
      generator.generateManifestOnly(out);
    } else {
      generator.generate(out);
    }
    System.out.printf(
        "generated %s%d EHRs x %d compositions (seed %d) into %s in %.1f s%n",
        manifestOnly ? "the manifest of " : "",
        ehrs,
        perEhr,
        seed,
        out,
        (System.nanoTime() - started) / 1e9);
  }
}
