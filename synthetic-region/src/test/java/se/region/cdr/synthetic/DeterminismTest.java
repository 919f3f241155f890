package se.region.cdr.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed and parameters: byte-identical files; another seed: different files. */
class DeterminismTest {
  @TempDir
  Path dir;

  @Test
  void sameSeedSameBytesOtherSeedOtherBytes() {
    Map<String, String> first = hashes(RegionGenerator.generate(7, 400, dir.resolve("a")), dir.resolve("a"));
    Map<String, String> second = hashes(RegionGenerator.generate(7, 400, dir.resolve("b")), dir.resolve("b"));
    Map<String, String> other = hashes(RegionGenerator.generate(8, 400, dir.resolve("c")), dir.resolve("c"));
    assertEquals(19, first.size(), first.keySet().toString());
    assertEquals(first, second);
    assertNotEquals(first.get("patients.csv"), other.get("patients.csv"));
    assertNotEquals(first.get("encounters.csv"), other.get("encounters.csv"));
    assertEquals(first.get("master/codes_atc.csv"), other.get("master/codes_atc.csv"), "code lists do not depend on the seed");
  }

  private static Map<String, String> hashes(Manifest manifest, Path root) {
    Map<String, String> hashes = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(Files::isRegularFile).forEach(f -> hashes.put(root.relativize(f).toString().replace('\\', '/'), sha256(f)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return hashes;
  }

  private static String sha256(Path file) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
