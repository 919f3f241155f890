package se.region.cdr.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import se.region.cdr.core.CdrConfig;

/**
 * One real CDR per test JVM: embedded PostgreSQL in a fresh temp directory, HTTP on a free
 * loopback port, admin endpoints on. Started on first use, stopped when the JVM exits.
 *
 * <p>With {@code CDR_TEST_DB_URL} (and {@code CDR_TEST_DB_USER}, {@code CDR_TEST_DB_PASSWORD}) set,
 * the tests run against that existing PostgreSQL instead, the way the server runs with
 * {@code CDR_DB_URL}: the same suite then checks an external database (use an empty one; the
 * tests delete the EHRs they see).
 */
public final class TestServer {
  /**
   * The test server's system id: EHRbase's default, the system id of the environment the AQL
   * conformance suite's expected results were recorded in (some queries name it in version uids).
   */
  public static final String SYSTEM_ID = "local.ehrbase.org";
  private static TestServer instance;

  private final Cdr cdr;
  private final HttpServer http;

  private TestServer(Cdr cdr, HttpServer http) {
    this.cdr = cdr;
    this.http = http;
  }

  public static synchronized TestServer get() {
    if (instance == null) {
      try {
        Path dataDir = Files.createTempDirectory("cdr-it-");
        CdrConfig config = new CdrConfig("127.0.0.1", freePort(), dataDir, System.getenv("CDR_TEST_DB_URL"),
            env("CDR_TEST_DB_USER", "postgres"), env("CDR_TEST_DB_PASSWORD", "postgres"), 0, SYSTEM_ID, true, 16, 30000, 100000);
        Cdr cdr = Cdr.start(config);
        HttpServer http = HttpServer.start(cdr);
        instance = new TestServer(cdr, http);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          http.close();
          cdr.close();
        }));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return instance;
  }

  /**
   * A second, separate CDR on its own embedded PostgreSQL, for a test whose global state must not
   * meet the other tests' (master data has one code list per system for all regions). Stopped when
   * the JVM exits.
   */
  public static TestServer isolated() {
    try {
      CdrConfig config = new CdrConfig("127.0.0.1", freePort(), Files.createTempDirectory("cdr-it-isolated-"), null, "postgres", "postgres", 0,
          SYSTEM_ID, true, 16, 30000, 100000);
      Cdr cdr = Cdr.start(config);
      HttpServer http = HttpServer.start(cdr);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        http.close();
        cdr.close();
      }));
      return new TestServer(cdr, http);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  public Cdr cdr() {
    return cdr;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + http.port();
  }

  /** Base of the openEHR REST API. */
  public String api() {
    return baseUrl() + "/openehr/v1";
  }

  /** The first column of the first row of a query on this server's database, as a number (a count). */
  public long sqlCount(String sql, Object... params) throws java.sql.SQLException {
    try (java.sql.Connection c = cdr.database().connection(); java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
