package se.region.cdr.bench.write;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import se.region.cdr.bench.Arguments;
import se.region.cdr.bench.corpus.OptFiles;
import se.region.cdr.bench.http.Loopback;
import se.region.cdr.bench.report.ResultsWriter;

/**
 * The {@code write} subcommand: parses options, refuses non-loopback servers, runs {@link
 * WriteBenchmark} and writes {@code results.json} and {@code results.md}.
 */
public final class WriteCommand {

  private static final Set<String> OPTIONS =
      Set.of(
          "base-url",
          "corpus",
          "out",
          "opt-dir",
          "duration-seconds",
          "warmup-seconds",
          "concurrency",
          "update-count",
          "jdbc-url",
          "db-user",
          "db-password",
          "server-pid",
          "server-start-ms",
          "server-jvm-flags");

  private WriteCommand() {}

  public static void run(String[] args) throws Exception {
    Arguments arguments = Arguments.parse(args, OPTIONS);
    String baseUrl = arguments.required("base-url");
    Loopback.require("base-url", baseUrl);
    int duration = arguments.integer("duration-seconds", 60);
    WriteOptions options =
        new WriteOptions(
            baseUrl,
            Path.of(arguments.required("corpus")),
            arguments.has("opt-dir") ? Path.of(arguments.required("opt-dir")) : OptFiles.locate(),
            Path.of(arguments.required("out")),
            Duration.ofSeconds(duration),
            Duration.ofSeconds(arguments.integer("warmup-seconds", Math.min(10, duration))),
            arguments.integers("concurrency", "1,2,4,8,16"),
            arguments.integer("update-count", 200),
            arguments.optional("jdbc-url", null),
            arguments.optional("db-user", "postgres"),
            arguments.optional("db-password", "postgres"),
            arguments.has("server-pid") ? arguments.longValue("server-pid", 0) : null,
            arguments.has("server-start-ms") ? arguments.longValue("server-start-ms", 0) : null,
            arguments.optional("server-jvm-flags", null));
    new ResultsWriter(options.outDirectory()).write(new WriteBenchmark(options).run());
    System.out.println(
        "results: " + options.outDirectory().resolve(ResultsWriter.MARKDOWN).toAbsolutePath());
  }
}
