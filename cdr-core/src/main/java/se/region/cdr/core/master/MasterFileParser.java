package se.region.cdr.core.master;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a master-data CSV file of one {@link MasterKind}: a header naming the columns (any order,
 * each once, {@code valid_to} optional, no others), then one record per line. Every problem of
 * the file is collected (with its line and column) and the file is rejected as a whole.
 */
final class MasterFileParser {
  private MasterFileParser() {}

  static List<MasterRecord> parse(MasterKind kind, Reader csv, String source) {
    List<LoadProblem> problems = new ArrayList<>();
    List<MasterRecord> records = new ArrayList<>();
    try {
      CsvReader reader = new CsvReader(csv, source);
      CsvReader.Row header = reader.next();
      if (header == null) {
        throw new MasterDataException(source, 0, null, "the file is empty; it needs a header line: " + String.join(",", kind.header()));
      }
      Map<String, Integer> positions = headerPositions(kind, header, source, problems);
      if (!problems.isEmpty()) {
        throw new MasterDataException(problems);
      }
      for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
        MasterRecord r = record(kind, row, positions, header.fields().size(), source, problems);
        if (r != null) {
          records.add(r);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + source, e);
    }
    if (records.isEmpty() && problems.isEmpty()) {
      problems.add(new LoadProblem(source, 0, null, "the file has a header but no records"));
    }
    if (!problems.isEmpty()) {
      throw new MasterDataException(problems);
    }
    return records;
  }

  private static Map<String, Integer> headerPositions(MasterKind kind, CsvReader.Row header, String source, List<LoadProblem> problems) {
    Map<String, Integer> positions = new HashMap<>();
    List<String> known = kind.header();
    for (int i = 0; i < header.fields().size(); i++) {
      String name = header.fields().get(i).trim().toLowerCase(Locale.ROOT);
      if (!known.contains(name)) {
        problems.add(new LoadProblem(source, header.line(), name, "unknown column for " + kind.label() + "; the columns are " + String.join(",", known)));
      } else if (positions.putIfAbsent(name, i) != null) {
        problems.add(new LoadProblem(source, header.line(), name, "the column appears twice"));
      }
    }
    for (String name : known) {
      if (!positions.containsKey(name) && !name.equals(MasterKind.VALID_TO)) {
        problems.add(new LoadProblem(source, header.line(), name, "required column is missing; the header must name " + String.join(",", known)
            + " (valid_to may be left out)"));
      }
    }
    return positions;
  }

  private static MasterRecord record(MasterKind kind, CsvReader.Row row, Map<String, Integer> positions, int width, String source,
      List<LoadProblem> problems) {
    if (row.fields().size() != width) {
      problems.add(new LoadProblem(source, row.line(), null, "has " + row.fields().size() + " fields, the header has " + width));
      return null;
    }
    int before = problems.size();
    List<String> key = values(kind.keys(), row, positions, source, problems);
    List<String> attributes = values(kind.attributes(), row, positions, source, problems);
    LocalDate from = date(row, positions, MasterKind.VALID_FROM, true, source, problems);
    LocalDate to = date(row, positions, MasterKind.VALID_TO, false, source, problems);
    if (from != null && to != null && !to.isAfter(from)) {
      problems.add(new LoadProblem(source, row.line(), MasterKind.VALID_TO, "valid_to " + to + " is not after valid_from " + from
          + " (valid_to is the first day the record no longer holds)"));
    }
    return problems.size() == before ? new MasterRecord(row.line(), key, attributes, from, to) : null;
  }

  private static List<String> values(List<Column> columns, CsvReader.Row row, Map<String, Integer> positions, String source,
      List<LoadProblem> problems) {
    List<String> values = new ArrayList<>(columns.size());
    for (Column column : columns) {
      String value = row.fields().get(positions.get(column.name())).strip();
      String reason = column.type().check(value);
      if (reason != null) {
        problems.add(new LoadProblem(source, row.line(), column.name(), reason));
      }
      values.add(value);
    }
    return values;
  }

  private static LocalDate date(CsvReader.Row row, Map<String, Integer> positions, String column, boolean required, String source,
      List<LoadProblem> problems) {
    Integer position = positions.get(column);
    String value = position == null ? "" : row.fields().get(position).strip();
    if (value.isEmpty()) {
      if (required) {
        problems.add(new LoadProblem(source, row.line(), column, "is empty; expected a date YYYY-MM-DD"));
      }
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      problems.add(new LoadProblem(source, row.line(), column, "'" + value + "' is not a date YYYY-MM-DD"));
      return null;
    }
  }
}
