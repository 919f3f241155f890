package se.region.cdr.loader.input;

import java.io.Closeable;
import java.io.IOException;

/** Reads records in file order; {@link #next()} returns null at the end. */
public interface RecordReader extends Closeable {
  SourceRecord next() throws IOException;

  /** Source names the input offers (CSV header), or null when records are free-form JSON. */
  default java.util.List<String> columns() {
    return null;
  }
}
