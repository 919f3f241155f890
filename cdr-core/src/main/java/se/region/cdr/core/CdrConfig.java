package se.region.cdr.core;

import java.nio.file.Path;
import java.util.Map;

/**
 * Server configuration, read from environment variables (each with a system-property twin,
 * e.g. {@code CDR_PORT} or {@code -Dcdr.port}). Defaults give a self-contained server on an
 * embedded PostgreSQL whose data lives in {@code ./cdr-data}.
 */
public record CdrConfig(
    String host,
    int port,
    Path dataDir,
    String dbUrl,
    String dbUser,
    String dbPassword,
    int embeddedDbPort,
    String systemId,
    boolean adminEnabled,
    int dbPoolSize,
    int queryTimeoutMs,
    int queryRowCap) {

  public static CdrConfig fromEnvironment() {
    return from(System.getenv());
  }

  public static CdrConfig from(Map<String, String> env) {
    return new CdrConfig(
        get(env, "CDR_HOST", "127.0.0.1"),
        Integer.parseInt(get(env, "CDR_PORT", "8080")),
        Path.of(get(env, "CDR_DATA_DIR", "cdr-data")).toAbsolutePath(),
        get(env, "CDR_DB_URL", null),
        get(env, "CDR_DB_USER", "postgres"),
        get(env, "CDR_DB_PASSWORD", "postgres"),
        Integer.parseInt(get(env, "CDR_EMBEDDED_DB_PORT", "0")),
        get(env, "CDR_SYSTEM_ID", "cdr.region.local"),
        Boolean.parseBoolean(get(env, "CDR_ADMIN_ENABLED", "false")),
        Integer.parseInt(get(env, "CDR_DB_POOL_SIZE", "16")),
        Integer.parseInt(get(env, "CDR_QUERY_TIMEOUT_MS", "30000")),
        Integer.parseInt(get(env, "CDR_QUERY_ROW_CAP", "100000")));
  }

  /** True when no external database is configured and the server runs its own PostgreSQL. */
  public boolean embeddedDatabase() {
    return dbUrl == null || dbUrl.isBlank();
  }

  private static String get(Map<String, String> env, String name, String fallback) {
    String property = System.getProperty(name.toLowerCase().replace('_', '.'));
    if (property != null) {
      return property;
    }
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
