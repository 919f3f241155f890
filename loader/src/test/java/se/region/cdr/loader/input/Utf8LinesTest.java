package se.region.cdr.loader.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Utf8Lines} gives exactly the lines a UTF-8 {@link BufferedReader} gives, whatever the bytes and however they arrive. */
class Utf8LinesTest {
  private static final byte[][] PIECES = {
    "a".getBytes(StandardCharsets.UTF_8), "{\"x\":1}".getBytes(StandardCharsets.UTF_8), "₂".getBytes(StandardCharsets.UTF_8),
    "å".getBytes(StandardCharsets.UTF_8), "😀".getBytes(StandardCharsets.UTF_8), {'\n'}, {'\r'}, {'\r', '\n'}, {' '},
    {(byte) 0xe2, (byte) 0x82}, {(byte) 0xff}, {(byte) 0x80}, {(byte) 0xc3}, {(byte) 0xf0, (byte) 0x9f, (byte) 0x98},
  };

  @Test
  void splitsAndDecodesAsBufferedReader() throws IOException {
    Random random = new Random(42);
    for (int run = 0; run < 2_000; run++) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int pieces = random.nextInt(60);
      for (int i = 0; i < pieces; i++) {
        bytes.writeBytes(PIECES[random.nextInt(PIECES.length)]);
      }
      byte[] input = bytes.toByteArray();
      assertEquals(expected(input), lines(new Trickle(input, 1 + random.nextInt(5))), "run " + run);
      assertEquals(expected(input), lines(new ByteArrayInputStream(input)), "run " + run);
    }
  }

  @Test
  void aLineLongerThanTheBufferIsWhole() throws IOException {
    String longLine = "é".repeat(100_000) + "x";
    byte[] input = (longLine + "\r\nnext\rlast").getBytes(StandardCharsets.UTF_8);
    assertEquals(List.of(longLine, "next", "last"), lines(new ByteArrayInputStream(input)));
    assertEquals(expected(input), lines(new Trickle(input, 3000)));
  }

  private static List<String> expected(byte[] input) throws IOException {
    List<String> out = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(input), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        out.add(line);
      }
    }
    return out;
  }

  private static List<String> lines(InputStream in) throws IOException {
    List<String> out = new ArrayList<>();
    try (Utf8Lines lines = new Utf8Lines(in)) {
      for (Utf8Lines.Line line; (line = lines.readLine()) != null; ) {
        assertEquals(line.text(), new String(line.utf8(), StandardCharsets.UTF_8), "a line's bytes decode to its text");
        out.add(line.text());
      }
    }
    return out;
  }

  /** A stream that hands out at most a few bytes per read, so that lines and characters straddle reads. */
  private static final class Trickle extends InputStream {
    private final byte[] bytes;
    private final int most;
    private int at;

    Trickle(byte[] bytes, int most) {
      this.bytes = bytes;
      this.most = most;
    }

    @Override
    public int read() {
      return at < bytes.length ? bytes[at++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (at == bytes.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, most), bytes.length - at);
      System.arraycopy(bytes, at, b, off, n);
      at += n;
      return n;
    }
  }
}
