package se.region.cdr.server.aql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Collects the cases from the reference data and the suite's descriptor {@code tables.txt}.
 *
 * <p>The EHRbase robot suites keep the case data in files ({@code fields_and_results/<clause>/
 * combinations/<table>.csv}, one case per row, and the expected ResultSets beside them) but the
 * query template and the data a suite loads only in Robot code. {@code tables.txt} restates those
 * two things per table, as data: a section {@code [<clause>/<table>]} (for external suites {@code
 * [external/<suite>/<table>]}) with
 *
 * <ul>
 *   <li>{@code fixture}: the data set of {@code fixtures.txt} the suite loads;
 *   <li>{@code query}: the robot's query template; left out, the expected file's {@code q} is used
 *       (the robot tests compared it with the sent query, so it is that query);
 *   <li>optional {@code clause} (default from the folder), {@code expected} (folder of the expected
 *       files under {@code fields_and_results}, default the table's folder), {@code ignore}
 *       (comma-separated cell keys the robot test excluded), {@code parameter.<name>} (a
 *       {@code query_parameters} entry, a JSON literal), {@code offset}, {@code fetch}, {@code
 *       ordered} (rows compared in order; default true for the ORDER BY folder only, as the robot
 *       suites compared with {@code ignore_order=False} there and {@code True} everywhere else, also
 *       for VERSION and MIXED queries that happen to have an ORDER BY, whose sort keys tie).
 * </ul>
 *
 * <p>A section {@code [file:<path of an expected file>]} makes one case of a single expected file
 * (the robot suites without a table). Expected values are never written here: they come from the
 * CSV cells ({@code expected_file}, {@code nr_of_results}, {@code expected_value}) and the files.
 */
final class ConformanceCatalog {
  static final String DESCRIPTOR = "/aql-conformance/tables.txt";
  private static final Map<String, String> CLAUSES = Map.ofEntries(
      Map.entry("select", "SELECT"), Map.entry("from", "FROM"), Map.entry("where", "WHERE"),
      Map.entry("order_by", "ORDER BY"), Map.entry("limit", "LIMIT"),
      Map.entry("aggregate_functions", "AGGREGATE"), Map.entry("parameter", "PARAMETER"),
      Map.entry("version", "VERSION"), Map.entry("folder", "FOLDER"), Map.entry("mixed", "MIXED"),
      Map.entry("external", "EXTERNAL"));
  private static final Set<String> SPECIAL_COLUMNS = Set.of("expected_file", "nr_of_results", "expected_value");

  private final Path root;
  private final List<AqlCase> cases = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final Set<Path> usedExpectedFiles = new TreeSet<>();

  private ConformanceCatalog(Path root) {
    this.root = java.util.Objects.requireNonNull(root, "root is null");
  }

  /** {@code root} is {@code .../test_data_sets/aql/fields_and_results}. */
  static ConformanceCatalog load(Path root, Set<String> fixtureNames) {
    return load(root, fixtureNames, resource(DESCRIPTOR));
  }

  static ConformanceCatalog load(Path root, Set<String> fixtureNames, String descriptor) {
    ConformanceCatalog catalog = new ConformanceCatalog(root);
    Map<String, List<Sections.Entry>> sections = Sections.parse(descriptor, DESCRIPTOR);
    Set<String> describedCsvs = new LinkedHashSet<>();
    sections.forEach((name, entries) -> {
      String fixture = Sections.value(entries, "fixture", null);
      if (fixture == null || !fixtureNames.contains(fixture)) {
        catalog.problems.add("[" + name + "]: fixture '" + fixture + "' is not in fixtures.txt");
      }
      if (name.startsWith("file:")) {
        catalog.addFile(name.substring(5), entries);
      } else {
        describedCsvs.add(csvPath(name));
        catalog.addTable(name, entries);
      }
    });
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(p -> p.toString().endsWith(".csv"))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !describedCsvs.contains(p))
          .sorted()
          .forEach(p -> catalog.problems.add(p + ": table without a section in tables.txt"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return catalog;
  }

  /** {@code where/single_and_or} to {@code where/combinations/single_and_or.csv}. */
  static String csvPath(String table) {
    int slash = table.lastIndexOf('/');
    return table.substring(0, slash) + "/combinations" + table.substring(slash) + ".csv";
  }

  private void addTable(String table, List<Sections.Entry> entries) {
    Path csv = root.resolve(csvPath(table));
    if (!Files.isRegularFile(csv)) {
      problems.add("[" + table + "]: no " + csv);
      return;
    }
    List<List<String>> records = Csv.parse(read(csv));
    if (records.isEmpty()) {
      problems.add(csv + ": empty");
      return;
    }
    List<String> header = records.get(0).stream().map(ConformanceCatalog::columnName).toList();
    String expectedDir = Sections.value(entries, "expected", table.substring(0, table.lastIndexOf('/')));
    for (int r = 1; r < records.size(); r++) {
      List<String> record = records.get(r);
      String id = table + ":" + r;
      if (record.size() != header.size()) {
        problems.add(id + ": " + record.size() + " cells for " + header.size() + " columns");
        continue;
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        row.put(header.get(c), RobotText.cell(record.get(c)));
      }
      Path expected = null;
      String expectedName = row.get("expected_file");
      if (expectedName != null && !expectedName.isBlank()) {
        expected = root.resolve(expectedDir).resolve(expectedName.strip());
        if (!Files.isRegularFile(expected)) {
          problems.add(id + ": expected file " + expected + " is missing");
          continue;
        }
        usedExpectedFiles.add(expected);
        usedExpectedFiles.addAll(orderedParts(expected)); // read by AqlCaseRunner#orderedRows where they exist
      }
      Map<String, String> variables = new LinkedHashMap<>(row);
      SPECIAL_COLUMNS.forEach(variables::remove);
      cases.add(newCase(id, table, entries, variables, expected, integer(row.get("nr_of_results"), id),
          row.get("expected_value")));
    }
  }

  private void addFile(String relative, List<Sections.Entry> entries) {
    Path expected = root.resolve(relative);
    if (!Files.isRegularFile(expected)) {
      problems.add("[file:" + relative + "]: no " + expected);
      return;
    }
    usedExpectedFiles.add(expected);
    cases.add(newCase(relative, relative, entries, Map.of(), expected,
        integer(Sections.value(entries, "nr_of_results", null), relative), null));
  }

  private AqlCase newCase(String id, String table, List<Sections.Entry> entries, Map<String, String> row,
      Path expected, Integer rows, String value) {
    String folder = table.substring(0, table.indexOf('/'));
    String clause = Sections.value(entries, "clause", CLAUSES.getOrDefault(folder, folder.toUpperCase()));
    Map<String, String> parameters = new LinkedHashMap<>();
    for (Sections.Entry e : entries) {
      if (e.key().startsWith("parameter.")) {
        parameters.put(e.key().substring("parameter.".length()), e.value());
      }
    }
    String ignore = Sections.value(entries, "ignore", "");
    Set<String> ignored = ignore.isBlank() ? Set.of()
        : Stream.of(ignore.split(",")).map(String::strip).collect(Collectors.toUnmodifiableSet());
    return new AqlCase(id, clause, Sections.value(entries, "fixture", null), Sections.value(entries, "query", null),
        Map.copyOf(row), expected, rows, value == null || value.isBlank() ? null : value.strip(), Map.copyOf(parameters),
        Sections.value(entries, "offset", null), Sections.value(entries, "fetch", null), ignored,
        Boolean.parseBoolean(Sections.value(entries, "ordered", String.valueOf(folder.equals("order_by")))),
        Boolean.parseBoolean(Sections.value(entries, "from_result", "false")));
  }

  /**
   * The siblings an ORDER BY expected file may have: its rows in sort order ({@code
   * _part_ordered_asc}), then the ties of the sort key in any order ({@code _part_not_ordered}).
   */
  static List<Path> orderedParts(Path expected) {
    String name = expected.getFileName().toString().replaceFirst("\\.json$", "");
    return List.of(expected.resolveSibling(name + "_part_ordered_asc.json"), expected.resolveSibling(name + "_part_not_ordered.json"));
  }

  /** {@code ${path}} to {@code path}. */
  static String columnName(String header) {
    String h = header.strip();
    return h.startsWith("${") && h.endsWith("}") ? h.substring(2, h.length() - 1) : h;
  }

  private Integer integer(String cell, String id) {
    if (cell == null || cell.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(cell.strip());
    } catch (NumberFormatException e) {
      problems.add(id + ": nr_of_results '" + cell + "' is not a number");
      return null;
    }
  }

  List<AqlCase> cases() {
    return cases;
  }

  /** Descriptor or data problems; the IT asserts there are none. */
  List<String> problems() {
    return problems;
  }

  /** Expected files under the root that no case uses (robot suites not restated yet). */
  List<Path> unusedExpectedFiles() {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".json") && !usedExpectedFiles.contains(p))
          .filter(p -> !p.getFileName().toString().endsWith("_tmp.json"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String resource(String name) {
    try (InputStream in = ConformanceCatalog.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
