package se.region.cdr.bench.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator is deterministic and splits each EHR's compositions by the template shares. */
class CorpusGeneratorTest {

  private static final List<String> FILES =
      List.of(
          CorpusTemplate.VITAL_SIGNS.fileName(),
          CorpusTemplate.LABORATORY_REPORT.fileName(),
          CorpusTemplate.PROBLEM_LIST.fileName(),
          CorpusFiles.UPDATES,
          CorpusFiles.MANIFEST);

  @TempDir Path temp;

  @Test
  void sameSeedGivesSameBytes() throws Exception {
    Path first = generate(5, "first");
    Path second = generate(5, "second");
    for (String file : FILES) {
      assertArrayEquals(
          Files.readAllBytes(first.resolve(file)), Files.readAllBytes(second.resolve(file)), file);
    }
  }

  @Test
  void otherSeedGivesOtherBytes() throws Exception {
    Path first = generate(5, "first");
    Path other = generate(6, "other");
    String file = CorpusTemplate.VITAL_SIGNS.fileName();
    assertFalse(
        Arrays.equals(
            Files.readAllBytes(first.resolve(file)), Files.readAllBytes(other.resolve(file))));
  }

  @Test
  void sharesFollowTheBenchmark() {
    assertEquals(List.of(8, 6, 6), counts(20));
    assertEquals(List.of(20, 15, 15), counts(50));
    assertEquals(List.of(40, 30, 30), counts(100));
    assertEquals(List.of(0, 0, 1), counts(1));
  }

  @Test
  void catalogueHasTwoHundredCodes() {
    Icd10Catalogue catalogue = Icd10Catalogue.load();
    assertEquals(200, catalogue.size());
    assertEquals(20, catalogue.rareCodes().size());
  }

  private static List<Integer> counts(int perEhr) {
    return Arrays.stream(CorpusTemplate.values()).map(t -> t.countOf(perEhr)).toList();
  }

  private Path generate(long seed, String name) throws Exception {
    Path directory = temp.resolve(name);
    new CorpusGenerator(seed, 30, 12, Icd10Catalogue.load()).generate(directory);
    return directory;
  }
}
