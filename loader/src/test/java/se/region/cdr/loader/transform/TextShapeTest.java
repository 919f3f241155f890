package se.region.cdr.loader.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nedap.archie.rm.composition.Composition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import org.ehrbase.openehr.sdk.serialisation.jsonencoding.CanonicalJson;
import org.ehrbase.openehr.sdk.validation.CompositionValidator;
import org.junit.jupiter.api.Test;
import se.region.cdr.core.ehr.CompositionService;
import se.region.cdr.core.store.CompositionStore.Content;
import se.region.cdr.core.store.ContentNodes;
import se.region.cdr.core.store.StoredContent;
import se.region.cdr.loader.VitalSignsTemplate;

/**
 * Canonical compositions prepared from their text ({@link TextShape}) are stored byte for byte as
 * on their tree (the tree path, itself checked against the full path by CanonicalLoadIT), hash the
 * same text, and are never accepted from their text when the full validator rejects them.
 */
class TextShapeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path EXAMPLE = Path.of("..", "templates", "vital_signs", "example.composition.json");
  private static final String BP = "/content/0/data/events/0/data/items/";

  private static ObjectNode example() throws Exception {
    // as a JSON Lines writer writes it: compact
    return (ObjectNode) JSON.readTree(JSON.writeValueAsString(JSON.readTree(Files.readString(EXAMPLE))));
  }

  /** What the tree path stores for a composition (archetype ids stand in for the dictionary's). */
  private static StoredContent onTree(CanonicalShapes.Shape shape, ObjectNode tree) {
    if (!shape.normaliseAndCheck(tree)) {
      return null;
    }
    var nodes = ContentNodes.split(tree);
    return StoredContent.of(new Content(nodes, shape.archetypeIds(), CompositionService.startTime(tree)));
  }

  /** Full validation of the first composition of the shape, then learning it as the loader does. */
  private static CanonicalShapes learned(ObjectNode first) throws Exception {
    CanonicalShapes shapes = new CanonicalShapes(VitalSignsTemplate.webTemplate());
    CanonicalShapes.Shape shape = shapes.shape(first);
    Composition composition = CanonicalJson.MARSHAL_OM.treeToValue(first, Composition.class);
    assertTrue(new CompositionValidator().validate(composition, VitalSignsTemplate.webTemplate()).isEmpty());
    ObjectNode canonical = FlatShapes.toTree(composition);
    var nodes = ContentNodes.split(canonical);
    int[] ids = new int[nodes.size()];
    java.util.Arrays.setAll(ids, i -> 100 + i);
    shapes.learn(shape, first, composition, canonical, ids);
    assertTrue(shape.checked());
    return shapes;
  }

  private static List<JsonNode> events(ObjectNode c) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode entry : c.path("content")) {
      if (entry.path("data").has("events")) {
        out.add(entry.path("data"));
      }
    }
    return out;
  }

  /** A variant of the example: its own values; a quarter have one measurement time apart from its history's origin. */
  private static ObjectNode variant(ObjectNode example, Random random) {
    ObjectNode c = example.deepCopy();
    String day = String.format(Locale.ROOT, "2024-%02d-%02dT%02d:%02d:%02d", 1 + random.nextInt(12), 1 + random.nextInt(28),
        random.nextInt(24), random.nextInt(60), random.nextInt(60));
    String offset = random.nextBoolean() ? "Z" : "+01:00";
    c.with("context").with("start_time").put("value", day + offset);
    c.with("context").with("end_time").put("value", day.substring(0, 11) + "23:59:00" + offset);
    List<JsonNode> histories = events(c);
    int apart = random.nextInt(4) == 0 ? random.nextInt(histories.size()) : -1; // one measured later than the others
    for (int i = 0; i < histories.size(); i++) {
      JsonNode data = histories.get(i);
      ((ObjectNode) data).with("origin").put("value", day + offset);
      String time = i == apart ? day.substring(0, 17) + "59" + offset : day + offset;
      ((ObjectNode) data.path("events").get(0)).with("time").put("value", time);
    }
    ObjectNode systolic = (ObjectNode) c.at(BP + "0/value");
    systolic.put("magnitude", random.nextInt(3) == 0 ? 80.0 + random.nextInt(140) : 80 + random.nextInt(140) + random.nextInt(10) / 10.0);
    ((ObjectNode) c.at(BP + "1/value")).put("magnitude", 40.0 + random.nextInt(80));
    return c;
  }

  private static String text(ObjectNode c) throws Exception {
    return JSON.writeValueAsString(c);
  }

  @Test
  void compositionsPreparedFromTheirTextAreStoredAsOnTheirTree() throws Exception {
    ObjectNode example = example();
    CanonicalShapes shapes = learned(example);
    Random random = new Random(42);
    int byText = 0;
    for (int i = 0; i < 500; i++) {
      String text = text(variant(example, random));
      ObjectNode tree = (ObjectNode) JSON.readTree(text);
      CanonicalInput input = shapes.read(text);
      assertNotNull(input.match(), "the text of a composition of the shape matches it");
      assertEquals(tree.toString(), input.hashedText());
      StoredContent expected = onTree(shapes.shape(tree), tree);
      assertNotNull(expected, text);
      StoredContent fromText = input.fromText();
      if (fromText == null) {
        input.storedFromTree(expected.data()); // a new pattern of equal values: learned from the tree path
        fromText = shapes.read(text).fromText();
      } else {
        byText++;
      }
      assertNotNull(fromText, "not prepared from its text after its pattern was learned");
      assertArrayEquals(expected.data(), fromText.data(), "stored as on the tree");
      StoredContent full = StoredContent.of(new Content(ContentNodes.split(fullPath(tree)), expected.archetypeIds(), null));
      for (int n = 0; n < full.size(); n++) {
        // the full path writes the SDK's key order; jsonb keeps no key order, so the stored values are the same
        assertEquals(JSON.readTree(full.data()[n]), JSON.readTree(fromText.data()[n]), text);
      }
      assertArrayEquals(expected.num(), fromText.num());
      assertArrayEquals(expected.numCap(), fromText.numCap());
      assertArrayEquals(expected.archetypeIds(), fromText.archetypeIds());
      assertEquals(expected.startTime(), fromText.startTime());
    }
    assertTrue(byText > 480, byText + " of 500 prepared from their text"); // the others: the first of a pattern of equal values
  }

  @Test
  void textsNotWrittenAsJacksonWritesThemTakeTheTree() throws Exception {
    ObjectNode example = example();
    CanonicalShapes shapes = learned(example);
    String text = text(example);
    assertNotNull(shapes.read(text).match());
    List<String> others = List.of(
        text.replace("\"magnitude\":", "\"magnitude\": "),                // whitespace
        text.replaceFirst("\"magnitude\":([0-9.]+)", "\"magnitude\":$10"), // 120.00: not as Jackson writes a double
        text.replaceFirst("\"precision\":0", "\"precision\":-0"),
        text.replaceFirst("\"code_string\":\"en\"", "\"code_string\":\"\\\\u0065n\""), // an escape
        text.replaceFirst("\"value\":\"Vital signs\"", "\"value\":\"Vital signs\",\"value\":\"Vital signs\""), // a key twice
        text.replaceFirst("\"magnitude\":([0-9.]+)", "\"magnitude\":\"$1\"")); // a number as a string
    for (String other : others) {
      assertTrue(!other.equals(text));
      assertNull(shapes.read(other).match(), other);
    }
  }

  @Test
  void badValuesAreNeverAcceptedFromTheText() throws Exception {
    ObjectNode example = example();
    CanonicalShapes shapes = learned(example);
    List<Consumer<ObjectNode>> bad = List.of(
        c -> ((ObjectNode) c.at(BP + "0/value")).put("units", "kg"),
        c -> ((ObjectNode) c.at(BP + "0/value")).put("units", "mmHg"),
        c -> ((ObjectNode) c.at(BP + "0/value")).put("magnitude", -5.0),
        c -> ((ObjectNode) c.at(BP + "0/value")).put("magnitude", 5000.0),
        c -> ((ObjectNode) c.at(BP + "0/value")).put("precision", 3),
        c -> c.with("context").with("start_time").put("value", "2024-02-30T09:30:00+01:00"),
        c -> c.with("context").with("start_time").put("value", "2024-13-01T09:30:00+01:00"),
        c -> c.with("context").with("start_time").put("value", "yesterday"),
        c -> ((ObjectNode) events(c).get(0).path("events").get(0)).with("time").put("value", "2024-02-03T25:35:00+01:00"),
        c -> c.with("language").put("code_string", "xx"));
    int rejected = 0;
    for (Consumer<ObjectNode> change : bad) {
      ObjectNode c = example.deepCopy();
      change.accept(c);
      String text = text(c);
      List<String> full = full(c);
      CanonicalInput input = shapes.read(text);
      boolean fromText = input.match() != null && input.fromText() != null;
      if (full != null) {
        rejected++;
        assertTrue(!fromText, text + " rejected by the full validator: " + full);
      }
    }
    assertTrue(rejected >= bad.size() - 1, rejected + " of " + bad.size());
  }

  /** The tree the full path stores: the SDK's canonical JSON of the composition bound from it. */
  private static ObjectNode fullPath(ObjectNode tree) throws Exception {
    return FlatShapes.toTree(CanonicalJson.MARSHAL_OM.treeToValue(tree, Composition.class));
  }

  /** The full validator's paths (null: valid; "(not read)": not a composition the RM binds). */
  private static List<String> full(ObjectNode c) {
    Composition composition;
    try {
      composition = CanonicalJson.MARSHAL_OM.treeToValue(c, Composition.class);
    } catch (Exception e) {
      return List.of("(not read)");
    }
    List<String> paths = new CompositionValidator().validate(composition, VitalSignsTemplate.webTemplate()).stream()
        .map(v -> String.valueOf(v.getAqlPath())).sorted().toList();
    return paths.isEmpty() ? null : paths;
  }
}
