package se.region.cdr.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One CSV output file: UTF-8, {@code ,} separated, {@code \n} line ends, a header line, fields
 * quoted only when they hold a separator, quote or line break. Counts its data rows. Numbers are
 * formatted here, not with {@code String.format}, so output is locale-free and fast.
 */
final class CsvOut implements AutoCloseable {
  private final String name;
  private final BufferedWriter out;
  private final StringBuilder row = new StringBuilder(256);
  private long rows;
  private boolean first = true;

  CsvOut(Path dir, String name, String... header) {
    this.name = name;
    try {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      this.out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
      for (String h : header) {
        text(h);
      }
      endHeader();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create " + name, e);
    }
  }

  String name() {
    return name;
  }

  long rows() {
    return rows;
  }

  CsvOut text(String value) {
    separator();
    if (value == null) {
      return this;
    }
    if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      row.append('"').append(value.replace("\"", "\"\"")).append('"');
    } else {
      row.append(value);
    }
    return this;
  }

  CsvOut number(long value) {
    separator();
    row.append(value);
    return this;
  }

  /** A decimal rounded half-up to {@code decimals} places, without exponent or trailing locale marks. */
  CsvOut decimal(double value, int decimals) {
    separator();
    appendDecimal(row, value, decimals);
    return this;
  }

  /** A local date-time as {@code YYYY-MM-DDTHH:MM} (the generator's times have no seconds). */
  CsvOut time(java.time.LocalDateTime t) {
    separator();
    row.append(t.toLocalDate()).append('T');
    if (t.getHour() < 10) {
      row.append('0');
    }
    row.append(t.getHour()).append(':');
    if (t.getMinute() < 10) {
      row.append('0');
    }
    row.append(t.getMinute());
    return this;
  }

  CsvOut date(java.time.LocalDate d) {
    return text(d == null ? null : d.toString());
  }

  CsvOut empty() {
    separator();
    return this;
  }

  /** Writes the row. */
  void end() {
    rows++;
    flushRow();
  }

  private void endHeader() {
    flushRow();
  }

  private void flushRow() {
    row.append('\n');
    try {
      out.append(row);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + name, e);
    }
    row.setLength(0);
    first = true;
  }

  private void separator() {
    if (!first) {
      row.append(',');
    }
    first = false;
  }

  static void appendDecimal(StringBuilder b, double value, int decimals) {
    long scale = 1;
    for (int i = 0; i < decimals; i++) {
      scale *= 10;
    }
    long scaled = Math.round(Math.abs(value) * scale);
    if (value < 0 && scaled != 0) {
      b.append('-');
    }
    b.append(scaled / scale);
    if (decimals > 0) {
      b.append('.');
      String fraction = Long.toString(scaled % scale);
      for (int i = fraction.length(); i < decimals; i++) {
        b.append('0');
      }
      b.append(fraction);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not close " + name, e);
    }
  }
}
