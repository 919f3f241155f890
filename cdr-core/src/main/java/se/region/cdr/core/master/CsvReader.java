package se.region.cdr.core.master;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV one record at a time: fields separated by {@code ,} (or by {@code ;} when
 * the first line has semicolons and no commas, as Swedish spreadsheet exports write); a quoted
 * field may hold separators, doubled quotes ({@code ""}) and line breaks. A UTF-8 byte-order mark
 * is skipped, blank lines are skipped. Each record knows the line it starts on, so errors can
 * name it.
 */
public final class CsvReader {
  /** One record: the line it starts on (1-based) and its fields. */
  public record Row(int line, List<String> fields) {}

  private static final int HEADER_PEEK = 1 << 16;

  private final BufferedReader in;
  private final String source;
  private char separator;
  private int line = 1;
  private int pushedBack = -2;

  public CsvReader(Reader in, String source) throws IOException {
    requireNonNull(in, "in is null");
    this.source = requireNonNull(source, "source is null");
    this.in = in instanceof BufferedReader b ? b : new BufferedReader(in);
    this.in.mark(HEADER_PEEK);
    int c = this.in.read();
    if (c != '\uFEFF') {
      this.in.reset();
    }
    this.in.mark(HEADER_PEEK);
    String header = this.in.readLine();
    this.in.reset();
    this.separator = header != null && header.indexOf(';') >= 0 && header.indexOf(',') < 0 ? ';' : ',';
  }

  /** The next record, or null at the end of the input. */
  public Row next() throws IOException {
    while (true) {
      int c = read();
      if (c == -1) {
        return null;
      }
      if (c == '\n') {
        line++;
      } else if (c != '\r') {
        pushedBack = c;
        return record();
      }
    }
  }

  private Row record() throws IOException {
    int start = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quotedField = false;
    while (true) {
      int c = read();
      if (c == separator) {
        fields.add(field.toString());
        field.setLength(0);
        quotedField = false;
      } else if (c == '\n' || c == -1) {
        if (c == '\n') {
          line++;
        }
        int n = field.length();
        fields.add(!quotedField && n > 0 && field.charAt(n - 1) == '\r' ? field.substring(0, n - 1) : field.toString());
        return new Row(start, List.copyOf(fields));
      } else if (c == '"' && field.length() == 0 && !quotedField) {
        quotedField = true;
        readQuoted(field, start);
      } else if (c == '"' || quotedField && c != '\r') {
        throw new MasterDataException(source, start, null,
            "a quote in an unquoted field, or text after a closing quote (quote the whole field and double any quote in it)");
      } else if (!quotedField) {
        field.append((char) c);
      }
    }
  }

  private void readQuoted(StringBuilder field, int start) throws IOException {
    while (true) {
      int c = read();
      if (c == -1) {
        throw new MasterDataException(source, start, null, "a quoted field is not closed before the end of the file");
      }
      if (c == '"') {
        int n = read();
        if (n != '"') {
          pushedBack = n;
          return;
        }
      } else if (c == '\n') {
        line++;
      }
      field.append((char) c);
    }
  }

  private int read() throws IOException {
    if (pushedBack != -2) {
      int c = pushedBack;
      pushedBack = -2;
      return c;
    }
    return in.read();
  }
}
