package se.region.cdr.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What was generated: the parameters, the data rows per file and known answers counted while the
 * rows were written (tests and benchmarks check queries against them). Written as
 * {@code manifest.json} with a fixed key order, so it is byte-identical too.
 */
public final class Manifest {
  private final RegionParameters parameters;
  private final Map<String, Long> files = new LinkedHashMap<>();
  private final Map<String, Long> answers = new LinkedHashMap<>();

  Manifest(RegionParameters parameters) {
    this.parameters = parameters;
  }

  void file(String name, long rows) {
    files.put(name, rows);
  }

  void answer(String name, long value) {
    answers.put(name, value);
  }

  /** Data rows (without the header) of a generated file, e.g. {@code encounters.csv}. */
  public long rows(String file) {
    Long n = files.get(file);
    if (n == null) {
      throw new IllegalArgumentException("No file " + file + " in the manifest");
    }
    return n;
  }

  /** A known answer, e.g. {@code patients_with_E11}. */
  public long answer(String name) {
    Long n = answers.get(name);
    if (n == null) {
      throw new IllegalArgumentException("No known answer " + name + " in the manifest");
    }
    return n;
  }

  public Map<String, Long> files() {
    return Map.copyOf(files);
  }

  public Map<String, Long> answers() {
    return Map.copyOf(answers);
  }

  String json() {
    StringBuilder b = new StringBuilder("{\n");
    b.append("  \"generator\": \"synthetic-region\",\n  \"format_version\": 1,\n");
    b.append("  \"parameters\": {\"seed\": ").append(parameters.seed())
        .append(", \"patients\": ").append(parameters.patients())
        .append(", \"years\": ").append(parameters.years())
        .append(", \"start\": \"").append(parameters.start())
        .append("\", \"end_exclusive\": \"").append(parameters.end())
        .append("\", \"tenant\": ").append(parameters.tenant())
        .append(", \"region_code\": \"").append(parameters.regionCode())
        .append("\", \"region_name\": \"").append(parameters.regionName().replace("\\", "\\\\").replace("\"", "\\\"")).append("\"},\n");
    append(b, "files", files);
    b.append(",\n");
    append(b, "known_answers", answers);
    return b.append("\n}\n").toString();
  }

  private static void append(StringBuilder b, String name, Map<String, Long> values) {
    b.append("  \"").append(name).append("\": {");
    String sep = "\n";
    for (var e : values.entrySet()) {
      b.append(sep).append("    \"").append(e.getKey()).append("\": ").append(e.getValue());
      sep = ",\n";
    }
    b.append("\n  }");
  }

  void write(Path dir) {
    try {
      Files.writeString(dir.resolve("manifest.json"), json(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the manifest", e);
    }
  }
}
