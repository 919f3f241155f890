package se.region.cdr.bench.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import se.region.cdr.bench.Arguments;

/** The {@code generate} subcommand: {@code --seed --ehrs --per-ehr --out}. */
public final class GenerateCommand {

  private GenerateCommand() {}

  public static void run(String[] args) throws IOException {
    Arguments arguments = Arguments.parse(args, Set.of("seed", "ehrs", "per-ehr", "out"));
    long seed = arguments.longValue("seed", 42);
    int ehrs = arguments.integer("ehrs", 1000);
    int perEhr = arguments.integer("per-ehr", 20);
    Path out = Path.of(arguments.required("out"));
    long started = System.nanoTime();
    new CorpusGenerator(seed, ehrs, perEhr, Icd10Catalogue.load()).generate(out);
    System.out.printf(
        "generated %d EHRs x %d compositions (seed %d) into %s in %.1f s%n",
        ehrs, perEhr, seed, out, (System.nanoTime() - started) / 1e9);
  }
}
