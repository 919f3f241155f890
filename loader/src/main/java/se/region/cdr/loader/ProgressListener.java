package se.region.cdr.loader;

/** Told after every committed batch: records handled so far in this run (resumed records included) and seconds elapsed. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (records, seconds, thisProcess) -> {};

  /**
   * @param records records committed so far in the run (all processes)
   * @param seconds seconds since this process started the run
   * @param thisProcess records committed by this process
   */
  void onBatch(long records, double seconds, long thisProcess);
}
