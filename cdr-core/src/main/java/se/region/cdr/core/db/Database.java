package se.region.cdr.core.db;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.region.cdr.core.CdrConfig;

/**
 * The PostgreSQL the CDR stores everything in: either an embedded server whose files live under
 * the data directory (kept across restarts), or an external one given by {@code CDR_DB_URL}.
 * Schema migrations under {@code db/migration} are applied at start.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final EmbeddedPostgres embedded;
  private final HikariDataSource dataSource;
  private final String jdbcUrl;

  private Database(EmbeddedPostgres embedded, HikariDataSource dataSource, String jdbcUrl) {
    this.embedded = embedded;
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
    this.jdbcUrl = jdbcUrl;
  }

  public static Database start(CdrConfig config) {
    EmbeddedPostgres embedded = null;
    String url;
    String user = config.dbUser();
    String password = config.dbPassword();
    if (config.embeddedDatabase()) {
      embedded = startEmbedded(config);
      url = "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/postgres";
      user = "postgres";
      password = "postgres";
      log.info("Embedded PostgreSQL listening at {} (user postgres)", url);
    } else {
      url = config.dbUrl();
    }
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(url);
    hikari.setUsername(user);
    hikari.setPassword(password);
    hikari.setMaximumPoolSize(config.dbPoolSize());
    hikari.setPoolName("cdr");
    hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
    hikari.addDataSourceProperty("prepareThreshold", "3");
    hikari.addDataSourceProperty("options", "-c TimeZone=UTC"); // AQL date-times without offset are UTC
    HikariDataSource dataSource = new HikariDataSource(hikari);
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    return new Database(embedded, dataSource, url);
  }

  private static EmbeddedPostgres startEmbedded(CdrConfig config) {
    try {
      var pgDir = config.dataDir().resolve("pg");
      Files.createDirectories(pgDir);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(pgDir)
              .setCleanDataDirectory(false)
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("max_connections", "120")
              .setServerConfig("shared_buffers", "512MB")
              .setServerConfig("effective_cache_size", "8GB")
              .setServerConfig("work_mem", "64MB")
              .setServerConfig("maintenance_work_mem", "256MB")
              .setServerConfig("random_page_cost", "1.1")
              .setServerConfig("max_wal_size", "4GB")
              .setServerConfig("synchronous_commit", "on")
              .setPGStartupWait(java.time.Duration.ofSeconds(60));
      if (config.embeddedDbPort() > 0) {
        builder.setPort(config.embeddedDbPort());
      }
      return builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("Could not start the embedded PostgreSQL in " + config.dataDir(), e);
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  @Override
  public void close() {
    dataSource.close();
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        log.warn("Embedded PostgreSQL did not stop cleanly", e);
      }
    }
  }
}
