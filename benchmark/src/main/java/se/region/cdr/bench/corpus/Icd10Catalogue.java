package se.region.cdr.bench.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The 200 ICD-10 codes of the corpus (resource {@code icd10-codes.tsv}) and how an EHR draws its
 * diagnoses: I10 in 25 % of EHRs, E11 in 10 %, each rare code in 0.1 %, plus one or two common
 * codes, Zipf-weighted by their order in the file.
 */
public final class Icd10Catalogue {

  public static final String HYPERTENSION = "I10";
  public static final String TYPE_2_DIABETES = "E11";
  static final double HYPERTENSION_SHARE = 0.25;
  static final double DIABETES_SHARE = 0.10;
  static final double RARE_SHARE = 0.001;

  /** A code and its display name. */
  public record Code(String code, String name) {}

  private final List<Code> anchors = new ArrayList<>();
  private final List<Code> rare = new ArrayList<>();
  private final List<Code> common = new ArrayList<>();
  private final double[] commonCumulativeWeights;

  private Icd10Catalogue(List<String[]> rows) {
    for (String[] row : rows) {
      Code code = new Code(row[1], row[2]);
      switch (row[0]) {
        case "anchor" -> anchors.add(code);
        case "rare" -> rare.add(code);
        case "common" -> common.add(code);
        default -> throw new IllegalStateException("unknown kind " + row[0]);
      }
    }
    commonCumulativeWeights = new double[common.size()];
    double total = 0;
    for (int rank = 0; rank < common.size(); rank++) {
      total += 1.0 / (rank + 1);
      commonCumulativeWeights[rank] = total;
    }
  }

  /** Loads the catalogue from the classpath. */
  public static Icd10Catalogue load() {
    try (InputStream in =
        Objects.requireNonNull(
            Icd10Catalogue.class.getResourceAsStream("icd10-codes.tsv"),
            "icd10-codes.tsv missing")) {
      List<String[]> rows = new ArrayList<>();
      for (String line :
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.add(line.split("\t"));
        }
      }
      return new Icd10Catalogue(rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Code> rareCodes() {
    return List.copyOf(rare);
  }

  public int size() {
    return anchors.size() + rare.size() + common.size();
  }

  /** The diagnoses of one EHR, without duplicates, in a stable order. */
  public List<Code> drawDiagnoses(SeededRandom random) {
    List<Code> drawn = new ArrayList<>();
    if (random.chance(HYPERTENSION_SHARE)) {
      drawn.add(anchor(HYPERTENSION));
    }
    if (random.chance(DIABETES_SHARE)) {
      drawn.add(anchor(TYPE_2_DIABETES));
    }
    for (Code code : rare) {
      if (random.chance(RARE_SHARE)) {
        drawn.add(code);
      }
    }
    int commonCount = random.chance(0.5) ? 2 : 1;
    while (commonCount > 0) {
      Code code = drawCommon(random);
      if (!drawn.contains(code)) {
        drawn.add(code);
        commonCount--;
      }
    }
    return drawn;
  }

  private Code drawCommon(SeededRandom random) {
    double target =
        random.nextDouble() * commonCumulativeWeights[commonCumulativeWeights.length - 1];
    for (int rank = 0; rank < commonCumulativeWeights.length; rank++) {
      if (target < commonCumulativeWeights[rank]) {
        return common.get(rank);
      }
    }
    return common.get(common.size() - 1);
  }

  private Code anchor(String code) {
    return anchors.stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow();
  }
}
