package se.region.cdr.core.rm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import se.region.cdr.core.template.TemplateStore;

/**
 * {@link RmCodec#toTree} writes the same JSON as the canonical JSON text read back, key order
 * included (number node types may differ, e.g. a long magnitude, but not their text).
 */
class RmCodecTest {
  @Test
  void toTreeEqualsTheCanonicalJsonTextReadBack() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolveSibling("shared").resolve("reference-data"))) {
      dir = dir.getParent();
    }
    Path reference = dir.resolveSibling("shared").resolve("reference-data");
    List<Path> files = new ArrayList<>();
    for (String d : List.of("integration-tests/tests/robot/_resources/test_data_sets/compositions/CANONICAL_JSON",
        "openEHR_SDK/test-data/src/main/resources/composition/canonical_json")) {
      try (Stream<Path> s = Files.walk(reference.resolve(d))) {
        s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
      }
    }
    RmCodec codec = new RmCodec(new TemplateStore(new PGSimpleDataSource()));
    CanonicalJson canonical = new CanonicalJson();
    int compared = 0;
    for (Path file : files) {
      Composition composition;
      try {
        composition = canonical.unmarshal(Files.readString(file), Composition.class);
      } catch (RuntimeException e) {
        continue; // deliberately broken files
      }
      JsonNode text = RmCodec.JSON.readTree(canonical.marshal(composition));
      ((ObjectNode) text).findParents("rows").forEach(n -> {
        if ("ITEM_TABLE".equals(n.path("_type").asText())) {
          ((ObjectNode) n).remove("items");
        }
      });
      JsonNode tree = codec.toTree(composition);
      String a = text.toString();
      String b = tree.toString();
      int at = 0;
      while (at < Math.min(a.length(), b.length()) && a.charAt(at) == b.charAt(at)) {
        at++;
      }
      int from = Math.max(0, at - 80);
      assertEquals(a.substring(from, Math.min(a.length(), at + 40)), b.substring(from, Math.min(b.length(), at + 40)), file.toString());
      assertEquals(a.length(), b.length(), file.toString());
      compared++;
    }
    assertTrue(compared > 50, "compared " + compared);
  }
}
