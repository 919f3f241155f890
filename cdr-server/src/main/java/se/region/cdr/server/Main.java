package se.region.cdr.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import se.region.cdr.core.CdrConfig;

/** Starts the CDR: database (embedded unless CDR_DB_URL is set), migrations, templates, HTTP. */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
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
