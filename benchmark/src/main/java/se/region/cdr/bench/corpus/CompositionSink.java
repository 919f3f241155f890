package se.region.cdr.bench.corpus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;

/** Where the generator puts compositions: the corpus files, or nowhere (manifest only). */
interface CompositionSink extends Closeable {

  /** Drops every composition; for a manifest without corpus files. */
  CompositionSink DISCARD =
      new CompositionSink() {
        @Override
        public void composition(
            CorpusTemplate template, long seq, int ehr, ObjectNode composition) {}

        @Override
        public void update(CorpusTemplate template, long seq, int ehr, ObjectNode composition) {}

        @Override
        public void close() {}
      };

  void composition(CorpusTemplate template, long seq, int ehr, ObjectNode composition)
      throws IOException;

  void update(CorpusTemplate template, long seq, int ehr, ObjectNode composition)
      throws IOException;
}
