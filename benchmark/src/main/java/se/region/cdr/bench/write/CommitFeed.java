package se.region.cdr.bench.write;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;

/**
 * Hands the corpus compositions to the W1 workers, in generation order. When the corpus runs out it
 * starts again from the first line and remembers that it wrapped: from then on the database holds
 * duplicates and the manifest's answers no longer apply.
 */
final class CommitFeed implements Closeable {

  private final Corpus corpus;
  private CorpusReader reader;
  private boolean wrapped;
  private long handedOut;

  CommitFeed(Corpus corpus) throws IOException {
    this.corpus = requireNonNull(corpus, "corpus is null");
    this.reader = corpus.compositions();
  }

  synchronized CorpusEntry next() throws IOException {
    CorpusEntry entry = reader.next();
    if (entry == null) {
      reader.close();
      reader = corpus.compositions();
      wrapped = true;
      entry = reader.next();
    }
    handedOut++;
    return entry;
  }

  synchronized boolean wrapped() {
    return wrapped;
  }

  synchronized long handedOut() {
    return handedOut;
  }

  @Override
  public synchronized void close() throws IOException {
    reader.close();
  }
}
