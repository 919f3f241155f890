package se.region.cdr.loader.input;

import java.io.IOException;
import java.io.InputStream;
import se.region.cdr.loader.mapping.InputSpec;

/** Opens the reader a mapping's input format calls for. */
public final class RecordReaders {
  private RecordReaders() {}

  public static RecordReader open(InputStream in, InputSpec spec) throws IOException {
    return switch (spec.format()) {
      case CSV -> new CsvRecordReader(in, spec);
      case JSONL -> new JsonLinesReader(in, spec.encoding(), spec.composition());
      case FHIR_BUNDLE -> new FhirBundleReader(in, spec.resourceTypes());
    };
  }
}
