package se.region.cdr.loader.input;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a UTF-8 stream, split as {@link java.io.BufferedReader#readLine()} splits them
 * ({@code \n}, {@code \r} or {@code \r\n}) and decoded one whole line at a time by {@link String}'s
 * own UTF-8 decoding (malformed bytes become U+FFFD, as a Reader's decoder makes them), which costs
 * a fraction of a Reader's decoding loop. A line may be longer than the buffer, which then grows.
 * Each line comes with its bytes, for whoever needs them again (a content hash over them).
 */
final class Utf8Lines implements Closeable {
  /** A line's text and its bytes (null when read through a Reader), without the terminator. */
  record Line(String text, byte[] utf8) {}

  private final InputStream in;
  private byte[] buffer = new byte[1 << 16];
  /** Unread bytes: buffer[start, end). */
  private int start;
  private int end;
  private boolean eof;
  /** The last line ended with \r: a \n right after it belongs to that line. */
  private boolean skipLineFeed;

  Utf8Lines(InputStream in) {
    this.in = in;
  }

  /** The next line without its terminator, or null at the end of the stream. */
  Line readLine() throws IOException {
    if (skipLineFeed && (start < end || fill()) && buffer[start] == '\n') {
      start++;
    }
    skipLineFeed = false;
    int scan = start;
    while (true) {
      for (; scan < end; scan++) {
        byte b = buffer[scan];
        if (b == '\n' || b == '\r') {
          Line line = line(start, scan);
          start = scan + 1;
          skipLineFeed = b == '\r';
          return line;
        }
      }
      int scanned = scan - start;
      if (!fill()) {
        if (start == end) {
          return null;
        }
        Line last = line(start, end);
        start = end;
        return last;
      }
      scan = start + scanned;
    }
  }

  private Line line(int from, int to) {
    byte[] utf8 = Arrays.copyOfRange(buffer, from, to);
    return new Line(new String(utf8, StandardCharsets.UTF_8), utf8);
  }

  /** Moves the unread bytes to the front and reads more after them; false at the end of the stream. */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    System.arraycopy(buffer, start, buffer, 0, end - start);
    end -= start;
    start = 0;
    if (end == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    int n = in.read(buffer, end, buffer.length - end);
    if (n < 0) {
      eof = true;
      return false;
    }
    end += n;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
