package se.region.cdr.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ErrorCode;

/** Runs work in one database transaction: committed when it returns, rolled back when it throws. */
public final class Tx {
  /** Work done on a connection inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private Tx() {}

  public static <T> T run(DataSource dataSource, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  /**
   * Runs work whose only change is one statement, without a transaction block: PostgreSQL runs a
   * single statement atomically, and the commit then costs no round trip of its own. Whatever the
   * work reads after that statement sees committed data only.
   */
  public static <T> T single(DataSource dataSource, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      return work.run(c);
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  private static CdrException translate(SQLException e) {
    if ("23505".equals(e.getSQLState())) {
      return new CdrException(ErrorCode.CONFLICT, "Conflict with stored data: " + e.getMessage(), e);
    }
    return new CdrException(ErrorCode.INTERNAL, "Database error: " + e.getMessage(), e);
  }
}
