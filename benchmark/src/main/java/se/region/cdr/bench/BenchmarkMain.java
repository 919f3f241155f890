package se.region.cdr.bench;

import java.util.Arrays;
import se.region.cdr.bench.corpus.CorpusGenerator;
import se.region.cdr.bench.corpus.GenerateCommand;
import se.region.cdr.bench.query.QueryCommand;
import se.region.cdr.bench.write.LoadCommand;
import se.region.cdr.bench.write.WriteCommand;

/**
 * Entry point of {@code cdr-benchmark.jar}: {@code generate} writes a corpus, {@code load} commits
 * it once to an openEHR server, {@code query} runs the query classes (Q1–Q9) against the loaded
 * server, {@code write} runs the write classes (W1, W3). See the module README.
 */
public final class BenchmarkMain {

  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
      System.exit(2);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      switch (args[0]) {
        case "generate" -> GenerateCommand.run(rest);
        case "load" -> LoadCommand.run(rest);
        case "query" -> QueryCommand.run(rest);
        case "write" -> WriteCommand.run(rest);
        case "version" -> System.out.println(CorpusGenerator.VERSION);
        default -> {
          usage();
          System.exit(2);
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      usage();
      System.exit(2);
    }
  }

  private static void usage() {
    System.err.println(
        """
        usage: java -jar cdr-benchmark.jar generate --out DIR
                    [--seed 42] [--ehrs 1000] [--per-ehr 20] [--manifest-only true]
               java -jar cdr-benchmark.jar load --base-url URL --corpus DIR --out DIR
                    [--opt-dir DIR] [--concurrency 4] [--max-seconds 14400]
                    [--jdbc-url URL] [--db-user postgres] [--db-password postgres]
               java -jar cdr-benchmark.jar query --base-url URL --corpus DIR --out DIR
                    [--classes all|Q1,Q3a,...] [--concurrency 1,4] [--warmup-runs 10]
                    [--runs 50] [--max-seconds-per-step 600] [--seed N]
                    [--explain-url URL|none]
               java -jar cdr-benchmark.jar write --base-url URL --corpus DIR --out DIR
                    [--opt-dir DIR] [--duration-seconds 60] [--warmup-seconds 10]
                    [--concurrency 1,2,4,8,16] [--update-count 200]
                    [--jdbc-url URL] [--db-user postgres] [--db-password postgres]
                    [--server-pid PID] [--server-start-ms MS] [--server-jvm-flags FLAGS]
               java -jar cdr-benchmark.jar version   (prints the corpus generator version)\
        """);
  }
}
