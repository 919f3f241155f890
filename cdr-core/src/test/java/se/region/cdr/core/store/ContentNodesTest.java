package se.region.cdr.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nedap.archie.rm.composition.Composition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ehrbase.openehr.sdk.serialisation.jsonencoding.CanonicalJson;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import se.region.cdr.core.rm.RmCodec;

/**
 * Every canonical composition of the reference data survives split → compact encode → store
 * form → decode → assemble unchanged, and the stored form is much smaller.
 */
class ContentNodesTest {
  static Path reference() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolveSibling("shared").resolve("reference-data"))) {
      dir = dir.getParent();
    }
    return dir.resolveSibling("shared").resolve("reference-data");
  }

  /** JSON pointer of the first place two trees differ, with both values. */
  static String firstDifference(String at, JsonNode a, JsonNode b) {
    if (a.equals(b)) {
      return null;
    }
    if (a.isObject() && b.isObject()) {
      var names = new java.util.TreeSet<String>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        if (!a.has(n) || !b.has(n)) {
          return at + "/" + n + ": " + a.get(n) + " vs " + b.get(n);
        }
        String d = firstDifference(at + "/" + n, a.get(n), b.get(n));
        if (d != null) {
          return d;
        }
      }
    }
    if (a.isArray() && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        String d = firstDifference(at + "/" + i, a.get(i), b.get(i));
        if (d != null) {
          return d;
        }
      }
    }
    return at + ": " + a + " vs " + b;
  }

  @TestFactory
  Stream<DynamicTest> compositionsRoundTripThroughStorageForm() throws IOException {
    Path ref = reference();
    List<Path> files = new ArrayList<>();
    for (Path dir : List.of(
        ref.resolve("integration-tests/tests/robot/_resources/test_data_sets/compositions/CANONICAL_JSON"),
        ref.resolve("integration-tests/tests/robot/_resources/test_data_sets/aql/data_load/compositions"),
        ref.resolve("openEHR_SDK/test-data/src/main/resources/composition/canonical_json"))) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
      }
    }
    assertTrue(files.size() > 50, "reference compositions found: " + files.size());
    CanonicalJson canonical = new CanonicalJson();
    return files.stream().map(file -> dynamicTest(ref.relativize(file).toString(), () -> {
      Composition composition;
      try {
        composition = canonical.unmarshal(Files.readString(file), Composition.class);
      } catch (RuntimeException e) {
        return; // not an RM composition (some files are deliberately broken); the REST tests cover those
      }
      ObjectNode tree = (ObjectNode) RmCodec.JSON.readTree(canonical.marshal(composition));
      tree.remove("uid");
      List<ContentNode> nodes = ContentNodes.split(tree);
      JsonNode language = nodes.get(0).data().get("language");
      List<ObjectNode> decoded = new ArrayList<>();
      long canonicalBytes = 0;
      long storedBytes = 0;
      for (ContentNode node : nodes) {
        ObjectNode stored = (ObjectNode) RmCodec.JSON.readTree(CompactJson.encode(node, language).toString());
        canonicalBytes += node.data().toString().length();
        storedBytes += stored.toString().length();
        decoded.add(CompactJson.decode(stored, node.archetypeId(), node.rmType(), node.parentNum() < 0, decoded.isEmpty() ? null : decoded.get(0).get("language")));
      }
      ObjectNode roundTripped = ContentNodes.assemble(decoded);
      assertEquals(tree, roundTripped, () -> "first difference at " + firstDifference("", tree, roundTripped));
      assertTrue(storedBytes <= canonicalBytes, "stored " + storedBytes + " of " + canonicalBytes);
    }));
  }
}
