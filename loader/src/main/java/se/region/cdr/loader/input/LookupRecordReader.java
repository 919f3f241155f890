package se.region.cdr.loader.input;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import se.region.cdr.loader.mapping.InputFormat;
import se.region.cdr.loader.mapping.InputSpec;
import se.region.cdr.loader.mapping.Lookup;
import se.region.cdr.loader.mapping.Mapping;
import se.region.cdr.loader.mapping.MappingException;

/**
 * Joins a mapping's lookups to the records of another reader: each lookup file is read once into
 * memory (only the key and the columns the mapping offers, so the memory is about one short row per
 * key) and every record then also answers {@code name.column}. A key that is not in the lookup file
 * answers null, so a required rule reading it rejects the record as {@code missing_required}.
 */
public final class LookupRecordReader implements RecordReader {
  private final RecordReader records;
  private final List<Table> tables;

  private LookupRecordReader(RecordReader records, List<Table> tables) {
    this.records = records;
    this.tables = tables;
  }

  /** The reader itself when the mapping has no lookups; else the reader with the lookup files (beside {@code input}) joined. */
  public static RecordReader attach(RecordReader records, Mapping mapping, Path input) throws IOException {
    if (mapping.lookups().isEmpty()) {
      return records;
    }
    List<Table> tables = new ArrayList<>();
    for (Lookup lookup : mapping.lookups()) {
      Path dir = input.toAbsolutePath().getParent();
      Path file = dir == null ? Path.of(lookup.file()) : dir.resolve(lookup.file());
      tables.add(Table.read(lookup, file, mapping.input(), mapping.label()));
    }
    return new LookupRecordReader(records, tables);
  }

  @Override
  public SourceRecord next() throws IOException {
    SourceRecord record = records.next();
    return record == null ? null : new Joined(record);
  }

  @Override
  public List<String> columns() {
    return records.columns();
  }

  @Override
  public void close() throws IOException {
    records.close();
  }

  /** One lookup file in memory: key -> the offered columns' values. */
  private record Table(Lookup lookup, Map<String, String[]> rows) {
    static Table read(Lookup lookup, Path file, InputSpec spec, String mappingLabel) throws IOException {
      InputSpec csv = new InputSpec(InputFormat.CSV, spec.delimiter(), spec.quote(), spec.encoding(), true, List.of(), List.of(), null);
      Map<String, String[]> rows = new HashMap<>();
      try (InputStream in = Files.newInputStream(file); CsvRecordReader reader = new CsvRecordReader(in, csv)) {
        List<String> missing = new ArrayList<>(lookup.columns());
        missing.add(lookup.key());
        missing.removeAll(reader.columns());
        if (!missing.isEmpty()) {
          throw new MappingException("mapping " + mappingLabel + ": lookup " + lookup.name() + " reads column(s) " + missing + " which "
              + file.getFileName() + " does not have (columns: " + reader.columns() + ")");
        }
        SourceRecord row;
        while ((row = reader.next()) != null) {
          String key = row.value(lookup.key());
          if (key == null) {
            continue;
          }
          String[] values = new String[lookup.columns().size()];
          for (int i = 0; i < values.length; i++) {
            String v = row.value(lookup.columns().get(i));
            values[i] = v == null ? null : v.intern(); // unit ids and kinds repeat: share them
          }
          rows.put(key.trim(), values);
        }
      } catch (NoSuchFileException e) {
        throw new MappingException("mapping " + mappingLabel + ": lookup " + lookup.name() + " needs " + lookup.file()
            + " beside the input file (looked for " + file + ")");
      }
      return new Table(lookup, rows);
    }

    /** The value of {@code name.column} for a record, or null when the record's key is not in the table. */
    String value(SourceRecord record, String column) {
      String key = record.value(lookup.on());
      String[] row = key == null ? null : rows.get(key.trim());
      return row == null ? null : row[lookup.columns().indexOf(column)];
    }
  }

  private final class Joined extends ForwardingRecord {
    Joined(SourceRecord record) {
      super(record);
    }

    @Override
    public String value(String source) {
      for (Table t : tables) {
        if (t.lookup().offers(source)) {
          return t.value(record, source.substring(t.lookup().name().length() + 1));
        }
      }
      return record.value(source);
    }
  }
}
