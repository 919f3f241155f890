package se.region.cdr.loader.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.ehrbase.openehr.sdk.serialisation.RMDataFormat;
import org.ehrbase.openehr.sdk.serialisation.flatencoding.FlatFormat;
import org.ehrbase.openehr.sdk.serialisation.flatencoding.FlatJasonProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openehr.schemas.v1.OPERATIONALTEMPLATE;
import org.openehr.schemas.v1.TemplateDocument;
import se.region.cdr.loader.LoaderSettings;
import se.region.cdr.loader.MappingCatalog;
import se.region.cdr.loader.SyntheticVitalSignsCsv;
import se.region.cdr.loader.VitalSignsTemplate;
import se.region.cdr.loader.input.CsvRecordReader;
import se.region.cdr.loader.input.SourceRecord;
import se.region.cdr.loader.mapping.FieldRule;
import se.region.cdr.loader.mapping.Mapping;
import se.region.cdr.loader.mapping.MappingParser;

class FlatShapesTest {
  static final Mapping CSV = MappingParser.parse(MappingCatalog.shipped("vital-signs-csv.yaml"));
  static final String TEMPLATE = "CDR - Vital signs.v1";

  static OPERATIONALTEMPLATE opt() {
    try (InputStream in = FlatShapesTest.class.getClassLoader().getResourceAsStream("templates/vital_signs/CDR - Vital signs.v1.opt")) {
      return TemplateDocument.Factory.parse(in).getTemplate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static FlatShapes shapes() {
    OPERATIONALTEMPLATE opt = opt();
    FlatJasonProvider provider = new FlatJasonProvider(id -> Optional.of(opt));
    ThreadLocal<RMDataFormat> reader = ThreadLocal.withInitial(() -> provider.buildFlatJson(FlatFormat.SIM_SDT, TEMPLATE));
    Set<String> constants = CSV.rules().stream().filter(r -> r.source() == null).map(FieldRule::path).collect(Collectors.toSet());
    return new FlatShapes(reader, VitalSignsTemplate.webTemplate(), constants);
  }

  static List<ObjectNode> mapped(Path dir, int rows, long seed) throws Exception {
    Path csv = dir.resolve("vs.csv");
    SyntheticVitalSignsCsv.write(rows, csv, seed);
    RecordMapper mapper = new RecordMapper(CSV, new Pseudonymizer(LoaderSettings.TEST_KEY), "vital_signs");
    List<ObjectNode> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(csv)) {
      CsvRecordReader reader = new CsvRecordReader(in, CSV.input());
      SourceRecord r;
      while ((r = reader.next()) != null) {
        out.add(mapper.map(r, mapper.info(r)).flat());
      }
    }
    return out;
  }

  @Test
  void patchedTreesEqualTheSdkReaders(@TempDir Path dir) throws Exception {
    FlatShapes shapes = shapes();
    int patched = 0;
    for (ObjectNode flat : mapped(dir, 300, 7)) {
      FlatShape shape = shapes.shape(flat);
      assertNull(shape.unusable(), shape.unusable());
      ObjectNode tree = shape.patch(flat);
      assertNotNull(tree);
      assertEquals(FlatShapes.toTree(shapes.read(flat)), tree, flat.toString());
      assertTrue(shape.leavesPass(tree), flat.toString());
      patched++;
    }
    assertEquals(300, patched);
  }
}
