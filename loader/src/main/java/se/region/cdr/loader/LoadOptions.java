package se.region.cdr.loader;

/**
 * How to run a load: records per batch (one transaction each), worker threads for mapping and
 * validation, and the name the input is reported under.
 */
public record LoadOptions(int batchSize, int threads, String inputName) {
  public static final int DEFAULT_BATCH = 500;

  public static LoadOptions defaults(String inputName) {
    return new LoadOptions(DEFAULT_BATCH, Runtime.getRuntime().availableProcessors(), inputName);
  }

  public LoadOptions withBatchSize(int n) {
    return new LoadOptions(n, threads, inputName);
  }

  public LoadOptions withThreads(int n) {
    return new LoadOptions(batchSize, n, inputName);
  }
}
