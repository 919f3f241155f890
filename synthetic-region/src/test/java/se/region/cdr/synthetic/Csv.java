package se.region.cdr.synthetic;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.region.cdr.core.master.CsvReader;

/** Reads a generated file back with the CDR's own CSV reader: one map per row, by header name. */
final class Csv {
  private Csv() {}

  static List<Map<String, String>> read(Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      CsvReader reader = new CsvReader(in, file.getFileName().toString());
      List<String> header = reader.next().fields();
      List<Map<String, String>> rows = new ArrayList<>();
      for (CsvReader.Row r = reader.next(); r != null; r = reader.next()) {
        if (r.fields().size() != header.size()) {
          throw new IllegalStateException(file + ":" + r.line() + " has " + r.fields().size() + " fields, header " + header.size());
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          row.put(header.get(i), r.fields().get(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
