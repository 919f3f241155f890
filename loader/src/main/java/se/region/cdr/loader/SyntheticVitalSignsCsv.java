package se.region.cdr.loader;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a deterministic synthetic CSV for the shipped {@code vital-signs-csv} mapping, for the
 * throughput measurement in loader/README.md: {@code java -cp cdr-server.jar
 * se.region.cdr.loader.SyntheticVitalSignsCsv <rows> <file> [seed]}. Rows are spread over
 * rows/10 synthetic subjects; every row has blood pressure, pulse and temperature, every third a
 * weight (some in pounds), every tenth a pressure in kPa. The identity numbers are synthetic.
 */
public final class SyntheticVitalSignsCsv {
  private SyntheticVitalSignsCsv() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: SyntheticVitalSignsCsv <rows> <file> [seed]");
      System.exit(2);
    }
    int rows = Integer.parseInt(args[0]);
    write(rows, Path.of(args[1]), args.length > 2 ? Long.parseLong(args[2]) : 42);
  }

  public static void write(int rows, Path file, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    int subjects = Math.max(1, rows / 10);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("record_id;personnummer;measured_at;systolic;diastolic;bp_unit;position;pulse;temperature;weight;weight_unit;care_provider_hsa;care_unit_hsa\n");
      for (int i = 0; i < rows; i++) {
        int subject = random.nextInt(subjects);
        String pnr = String.format(Locale.ROOT, "19%02d%02d%02d-%04d", 30 + subject % 70, 1 + subject % 12, 1 + subject % 28, subject % 10000);
        boolean kpa = i % 10 == 0;
        int systolic = 100 + random.nextInt(80);
        int diastolic = 60 + random.nextInt(40);
        String weight = i % 3 == 0 ? String.format(Locale.ROOT, "%d,%d", 50 + random.nextInt(60), random.nextInt(10)) : "";
        String weightUnit = i % 3 == 0 && i % 2 == 0 ? "[lb_av]" : i % 3 == 0 ? "kg" : "";
        out.write(String.join(";",
            "SYN-" + i,
            pnr,
            String.format(Locale.ROOT, "20%02d-%02d-%02d %02d:%02d", 15 + random.nextInt(10), 1 + random.nextInt(12), 1 + random.nextInt(28),
                7 + random.nextInt(12), random.nextInt(60)),
            kpa ? String.format(Locale.ROOT, "%.1f", systolic / 7.50062).replace('.', ',') : Integer.toString(systolic),
            kpa ? String.format(Locale.ROOT, "%.1f", diastolic / 7.50062).replace('.', ',') : Integer.toString(diastolic),
            kpa ? "kPa" : "mm[Hg]",
            random.nextBoolean() ? "SITT" : "LIGG",
            Integer.toString(50 + random.nextInt(50)),
            String.format(Locale.ROOT, "%d,%d", 36 + random.nextInt(3), random.nextInt(10)),
            weight,
            weightUnit,
            "SE2321000016-A12B",
            "SE2321000016-" + (100 + subject % 40) + "CQ"));
        out.write('\n');
      }
    }
  }
}
