package se.region.cdr.bench.write;

import java.util.List;

/**
 * Sizes of all tables in the non-system schemas: {@code total = heap + index + toast}, where heap
 * includes the free-space and visibility maps and toast includes the TOAST index.
 */
record StorageSnapshot(
    long totalBytes,
    long heapBytes,
    long indexBytes,
    long toastBytes,
    List<TableSize> largestTables) {

  /** One table's sizes, named {@code schema.table}. */
  record TableSize(
      String table, long totalBytes, long heapBytes, long indexBytes, long toastBytes) {}

  /** Bytes per item between {@code before} and this snapshot. */
  PerItem growthPer(StorageSnapshot before, long items) {
    if (items <= 0) {
      return new PerItem(0, 0, 0, 0, 0);
    }
    return new PerItem(
        items,
        (double) (totalBytes - before.totalBytes) / items,
        (double) (heapBytes - before.heapBytes) / items,
        (double) (indexBytes - before.indexBytes) / items,
        (double) (toastBytes - before.toastBytes) / items);
  }

  /** Average growth per item (composition or version), in bytes. */
  record PerItem(
      long items, double totalBytes, double heapBytes, double indexBytes, double toastBytes) {}
}
