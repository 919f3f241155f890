package se.region.cdr.bench.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.apache.xmlbeans.XmlException;
import org.openehr.schemas.v1.OPERATIONALTEMPLATE;
import org.openehr.schemas.v1.TemplateDocument;

/** Parses the corpus OPTs from the shared reference data. */
final class ReferenceOpts {

  private ReferenceOpts() {}

  static OPERATIONALTEMPLATE load(CorpusTemplate template) throws IOException, XmlException {
    try (InputStream in = Files.newInputStream(OptFiles.of(OptFiles.locate(), template))) {
      return TemplateDocument.Factory.parse(in).getTemplate();
    }
  }
}
