package se.region.cdr.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import se.region.cdr.core.CdrConfig;

/**
 * Starts the CDR: database (embedded unless CDR_DB_URL is set), migrations, templates, HTTP. With
 * the arguments {@code load ...} it runs the bulk loader instead ({@link LoadCommand}).
 */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    if (args.length > 0 && args[0].equals("load")) {
      System.exit(LoadCommand.run(args, System.out, System.err));
    }
    if (args.length > 0) {
      System.err.println("unknown command " + args[0] + "; the server takes no arguments, or: " + LoadCommand.USAGE);
      System.exit(2);
    }
    long started = System.nanoTime();
    CdrConfig config = CdrConfig.fromEnvironment();
    Cdr cdr = Cdr.start(config);
    HttpServer http = HttpServer.start(cdr);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      http.close();
      cdr.close();
    }, "cdr-shutdown"));
    log.info("CDR listening on http://{}:{}/ (openEHR REST at /openehr/v1 and /ehrbase/rest/openehr/v1), started in {} ms",
        config.host(), http.port(), (System.nanoTime() - started) / 1_000_000);
  }
}
