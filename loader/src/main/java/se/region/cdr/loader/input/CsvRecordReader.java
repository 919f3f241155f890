package se.region.cdr.loader.input;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import se.region.cdr.loader.mapping.InputSpec;

/**
 * RFC 4180 CSV with a configurable delimiter, quote and encoding: quoted fields may hold the
 * delimiter, doubled quotes and line breaks; a UTF-8 byte order mark is skipped; blank lines are
 * not records. Column names come from the header line or from the mapping.
 */
public final class CsvRecordReader implements RecordReader {
  private final BufferedReader in;
  private final char delimiter;
  private final char quote;
  private final List<String> columns;
  private final Map<String, Integer> index = new HashMap<>();
  private long line = 0; // lines consumed so far
  private long number = 0;
  private int pending = -2; // one char of look-ahead; -2 = none

  public CsvRecordReader(InputStream input, InputSpec spec) throws IOException {
    this.in = new BufferedReader(new InputStreamReader(input, spec.encoding()), 1 << 16);
    this.delimiter = spec.delimiter();
    this.quote = spec.quote();
    int first = read();
    if (first != '\uFEFF') {
      pending = first;
    }
    if (spec.header()) {
      List<String> header = readFields();
      if (header == null) {
        throw new IOException("CSV input is empty (no header line)");
      }
      columns = header.stream().map(String::trim).toList();
    } else {
      columns = spec.columns();
    }
    for (int i = 0; i < columns.size(); i++) {
      index.put(columns.get(i), i);
    }
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public SourceRecord next() throws IOException {
    while (true) {
      long startLine = line + 1;
      List<String> fields = readFields();
      if (fields == null) {
        return null;
      }
      if (fields.size() == 1 && fields.get(0).isEmpty()) {
        continue; // blank line
      }
      number++;
      String problem = fields.size() == columns.size() ? null
          : "line " + startLine + " has " + fields.size() + " fields, the header has " + columns.size();
      return new CsvRecord(number, startLine, fields.toArray(String[]::new), problem);
    }
  }

  private int read() throws IOException {
    if (pending != -2) {
      int c = pending;
      pending = -2;
      return c;
    }
    return in.read();
  }

  /** One record's fields, or null at end of input. */
  private List<String> readFields() throws IOException {
    int c = read();
    if (c == -1) {
      return null;
    }
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStart = true;
    while (true) {
      if (c == -1) {
        line++;
        fields.add(field.toString());
        return fields;
      }
      char ch = (char) c;
      if (quoted) {
        if (ch == quote) {
          int n = read();
          if (n == quote) {
            field.append(quote);
          } else {
            quoted = false;
            c = n;
            continue;
          }
        } else {
          if (ch == '\n') {
            line++;
          }
          field.append(ch);
        }
      } else if (ch == quote && fieldStart) {
        quoted = true;
        fieldStart = false;
      } else if (ch == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
        fieldStart = true;
      } else if (ch == '\r' || ch == '\n') {
        if (ch == '\r') {
          int n = read();
          if (n != '\n') {
            pending = n;
          }
        }
        line++;
        fields.add(field.toString());
        return fields;
      } else {
        field.append(ch);
        fieldStart = false;
      }
      c = read();
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private final class CsvRecord implements SourceRecord {
    private final long number;
    private final long line;
    private final String[] values;
    private final String problem;

    CsvRecord(long number, long line, String[] values, String problem) {
      this.number = number;
      this.line = line;
      this.values = values;
      this.problem = problem;
    }

    @Override
    public long number() {
      return number;
    }

    @Override
    public long line() {
      return line;
    }

    @Override
    public String value(String source) {
      Integer i = index.get(source);
      if (i == null || i >= values.length) {
        return null;
      }
      String v = values[i];
      return v.isEmpty() ? null : v;
    }

    @Override
    public ObjectNode raw() {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (int i = 0; i < values.length; i++) {
        out.put(i < columns.size() ? columns.get(i) : "_" + (i + 1), values[i]);
      }
      return out;
    }

    @Override
    public String problem() {
      return problem;
    }
  }
}
