package se.region.cdr.loader.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import com.nedap.archie.rm.composition.Composition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ehrbase.openehr.sdk.validation.CompositionValidator;
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

  /** The full validator's decision and the paths it names (null: accepted). */
  private static List<String> full(FlatShapes shapes, ObjectNode flat) {
    Composition composition;
    try {
      composition = shapes.read(flat);
    } catch (RuntimeException e) {
      return List.of("(not read)");
    }
    List<String> paths = new CompositionValidator().validate(composition, VitalSignsTemplate.webTemplate()).stream()
        .map(v -> String.valueOf(v.getAqlPath())).sorted().toList();
    return paths.isEmpty() ? null : paths;
  }

  @Test
  void badValuesAreNeverAcceptedByTheLeafChecks(@TempDir Path dir) throws Exception {
    FlatShapes shapes = shapes();
    String bp = "vital_signs/blood_pressure:0/any_event:0/";
    Map<String, List<Object>> bad = new LinkedHashMap<>();
    bad.put(bp + "systolic|magnitude", List.of(-5, 0, 1001, 5000, 120.5, 99999, -0.5));
    bad.put(bp + "systolic|unit", List.of("kPa", "mmHg", "", "mm[hg]"));
    bad.put(bp + "diastolic|magnitude", List.of(-1, 1500));
    bad.put(bp + "position|code", List.of("at9999", "at1003", "", "SITT"));
    bad.put(bp + "position|value", List.of("Lying", "Anything"));
    bad.put(bp + "position|terminology", List.of("SNOMED-CT", "openehr", ""));
    bad.put(bp + "time", List.of("2025-13-45T09:35:00+01:00", "2025-02-30T09:35:00+01:00", "2025-02-03T25:35:00+01:00", "yesterday"));
    bad.put("vital_signs/context/start_time", List.of("2025-13-45T09:35:00+01:00", "2025-02-29T09:35:00Z", "2025-02-03T09:35:61+01:00"));
    bad.put("vital_signs/pulse_heart_beat:0/any_event:0/rate|magnitude", List.of(-1, 0, 2000, 72.5));
    bad.put("vital_signs/pulse_heart_beat:0/any_event:0/rate|unit", List.of("/h", "1/min", "bpm"));
    bad.put("vital_signs/body_temperature:0/any_event:0/temperature|magnitude", List.of(-300, 100, 36.66, 1000.1));
    bad.put("vital_signs/body_temperature:0/any_event:0/temperature|unit", List.of("[degF]", "K", "cel"));
    bad.put("vital_signs/body_weight:0/any_event:0/weight|magnitude", List.of(-1, 0, 2000, 1000.05));
    bad.put("vital_signs/body_weight:0/any_event:0/weight|unit", List.of("g", "[lb_av]", "KG"));
    bad.put("vital_signs/context/cdr_provenance/care_unit_hsa-id|id", List.of("", "x"));
    List<ObjectNode> base = mapped(dir, 30, 11).stream().filter(f -> f.has("vital_signs/body_weight:0/any_event:0/weight|magnitude")).toList();
    assertTrue(base.size() >= 3);
    int cases = 0;
    int rejected = 0;
    for (ObjectNode valid : base.subList(0, 3)) {
      assertNull(full(shapes, valid));
      for (Map.Entry<String, List<Object>> e : bad.entrySet()) {
        assertTrue(valid.has(e.getKey()), e.getKey());
        for (Object value : e.getValue()) {
          ObjectNode flat = valid.deepCopy();
          flat.set(e.getKey(), value instanceof String t ? TextNode.valueOf(t) : JsonNodeFactory.instance.numberNode(new java.math.BigDecimal(value.toString())));
          List<String> full = full(shapes, flat);
          FlatShape shape = shapes.shape(flat);
          ObjectNode tree = shape.unusable() == null ? shape.patch(flat) : null;
          boolean leavesPass = tree != null && shape.leavesPass(tree);
          // the loader's decision: accepted by the leaf checks, else the full validator's
          List<String> loader = leavesPass ? null : full;
          String what = e.getKey() + " = " + value + " (full: " + full + ")";
          assertEquals(full, loader, what);
          if (full != null) {
            rejected++;
            assertTrue(!leavesPass, what);
          } else if (leavesPass) {
            assertEquals(FlatShapes.toTree(shapes.read(flat)), tree, what);
          }
          cases++;
        }
      }
    }
    assertTrue(rejected > cases / 2, rejected + " of " + cases + " rejected");
  }
}
