package se.region.cdr.loader;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import se.region.cdr.loader.store.BatchWriter;
import se.region.cdr.loader.store.Outcome;

/**
 * Writes finished batches on a thread of its own, strictly in the order they were handed in,
 * while the reading thread goes on reading (and the database works on one batch, the workers
 * prepare the next). At most {@code capacity} batches are read and not yet written. After a failed
 * write no later batch is written (a batch is only ever committed after all batches before it),
 * and the failure is thrown to the reading thread. Used by one reading thread.
 */
final class WritePipeline implements AutoCloseable {
  private final BatchWriter writer;
  private final LongConsumer written;
  private final Semaphore room;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "cdr-loader-writer");
    t.setDaemon(true);
    return t;
  });
  private final Deque<Future<?>> pending = new ArrayDeque<>();
  private final AtomicReference<Throwable> failed = new AtomicReference<>();

  /** @param written told (on the writer thread) the number of records of each batch written */
  WritePipeline(BatchWriter writer, int capacity, LongConsumer written) {
    this.writer = requireNonNull(writer, "writer is null");
    this.written = requireNonNull(written, "written is null");
    this.room = new Semaphore(capacity);
  }

  /** Queues a batch being prepared; waits while {@code capacity} batches are not yet written. */
  void submit(Future<List<Outcome>> batch) {
    rethrowFailure();
    try {
      room.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoaderException(LoaderException.Reason.INTERRUPTED, "Load interrupted", e);
    }
    pending.add(thread.submit(() -> {
      try {
        if (failed.get() == null) {
          written.accept(write(batch));
        }
      } catch (Throwable t) {
        failed.compareAndSet(null, t);
      } finally {
        room.release();
      }
    }));
    while (pending.peek() != null && pending.peek().isDone()) {
      pending.poll();
    }
  }

  /** Waits until every queued batch is written; throws the first failure. */
  void finish() {
    while (!pending.isEmpty()) {
      try {
        pending.poll().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LoaderException(LoaderException.Reason.INTERRUPTED, "Load interrupted", e);
      } catch (ExecutionException e) {
        failed.compareAndSet(null, e.getCause());
      }
    }
    rethrowFailure();
  }

  private long write(Future<List<Outcome>> batch) throws SQLException, InterruptedException, ExecutionException {
    List<Outcome> outcomes = batch.get();
    writer.write(outcomes);
    return outcomes.size();
  }

  private void rethrowFailure() {
    Throwable t = failed.get();
    if (t == null) {
      return;
    }
    if (t instanceof ExecutionException e && e.getCause() != null) {
      t = e.getCause();
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    if (t instanceof SQLException s) {
      throw new UncheckedSql(s);
    }
    throw new LoaderException(LoaderException.Reason.INTERRUPTED, "Load failed: " + t, t);
  }

  /** A database failure of the writer thread, thrown on the reading thread (unwrapped by the loader). */
  static final class UncheckedSql extends RuntimeException {
    UncheckedSql(SQLException cause) {
      super(cause);
    }

    SQLException sqlException() {
      return (SQLException) getCause();
    }
  }

  /** Stops the writer thread (after {@link #finish}, or to abandon the load). */
  @Override
  public void close() {
    thread.shutdownNow();
  }
}
