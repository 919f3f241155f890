package se.region.cdr.synthetic;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Command line: {@code GenerateRegion --seed 42 --patients 1000 [--years 5] [--start 2020-01-01]
 * [--tenant 99] [--region-code 99] [--region-name "Region Exempelland"] --out target/region}.
 */
public final class GenerateRegion {
  private GenerateRegion() {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (IllegalArgumentException e) {
      System.err.println("GenerateRegion: " + e.getMessage());
      System.err.println("usage: GenerateRegion --seed N --patients N [--years 5] [--start 2020-01-01] [--tenant 99] "
          + "[--region-code 99] [--region-name NAME] --out DIR");
      System.exit(2);
    }
  }

  static Manifest run(String[] args) {
    long seed = 42;
    int patients = 1000;
    int years = 5;
    LocalDate start = LocalDate.of(2020, 1, 1);
    int tenant = RegionParameters.DEFAULT_TENANT;
    String code = RegionParameters.DEFAULT_REGION_CODE;
    String name = RegionParameters.DEFAULT_REGION_NAME;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--seed" -> seed = number(flag, value);
        case "--patients" -> patients = (int) number(flag, value);
        case "--years" -> years = (int) number(flag, value);
        case "--start" -> start = date(flag, value);
        case "--tenant" -> tenant = (int) number(flag, value);
        case "--region-code" -> code = value;
        case "--region-name" -> name = value;
        case "--out" -> out = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    if (out == null) {
      throw new IllegalArgumentException("--out is required");
    }
    RegionParameters parameters = new RegionParameters(seed, patients, years, start, tenant, code, name);
    long began = System.nanoTime();
    Manifest manifest = RegionGenerator.generate(parameters, out);
    double seconds = (System.nanoTime() - began) / 1e9;
    System.out.printf(java.util.Locale.ROOT, "Generated %d patients, %d contacts in %.1f s into %s%n", patients,
        manifest.rows("encounters.csv"), seconds, out.toAbsolutePath());
    return manifest;
  }

  private static long number(String flag, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " is not a number: " + value);
    }
  }

  private static LocalDate date(String flag, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(flag + " is not a date YYYY-MM-DD: " + value);
    }
  }
}
