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
      if ("23505".equals(e.getSQLState())) {
        throw new CdrException(ErrorCode.CONFLICT, "Conflict with stored data: " + e.getMessage(), e);
      }
      throw new CdrException(ErrorCode.INTERNAL, "Database error: " + e.getMessage(), e);
    }
  }
}
