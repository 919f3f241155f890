package se.region.cdr.loader.transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A text with holes: its fixed pieces, and for each hole between two pieces the slot whose value
 * text fills it. Made by cutting a JSON text written with sentinel values in the slots at every
 * sentinel ({@link #cut}).
 */
final class HoledText {
  private final String[] pieces;
  private final int[] holes;
  private final int fixedLength;

  private HoledText(String[] pieces, int[] holes) {
    this.pieces = pieces;
    this.holes = holes;
    this.fixedLength = Arrays.stream(pieces).mapToInt(String::length).sum();
  }

  /**
   * Cuts {@code text} at every occurrence of a sentinel text (a key of {@code sentinels}, mapped to
   * its slot). Null when two occurrences overlap or a number sentinel is part of a longer number.
   */
  static HoledText cut(String text, Map<String, Integer> sentinels) {
    List<int[]> found = new ArrayList<>(); // {start, end, slot}
    sentinels.forEach((sentinel, slot) -> {
      for (int at = text.indexOf(sentinel); at >= 0; at = text.indexOf(sentinel, at + 1)) {
        found.add(new int[] {at, at + sentinel.length(), slot});
      }
    });
    found.sort((a, b) -> Integer.compare(a[0], b[0]));
    List<String> pieces = new ArrayList<>();
    int[] holes = new int[found.size()];
    int pos = 0;
    for (int i = 0; i < found.size(); i++) {
      int[] f = found.get(i);
      if (f[0] < pos || partOfNumber(text, f[0], f[1])) {
        return null;
      }
      pieces.add(text.substring(pos, f[0]));
      holes[i] = f[2];
      pos = f[1];
    }
    pieces.add(text.substring(pos));
    return new HoledText(pieces.toArray(String[]::new), holes);
  }

  /** Whether a sentinel found at [start, end) that is a number continues a longer number on either side. */
  private static boolean partOfNumber(String text, int start, int end) {
    if (text.charAt(start) == '"') {
      return false;
    }
    return start > 0 && "0123456789.-+eE".indexOf(text.charAt(start - 1)) >= 0
        || end < text.length() && "0123456789.-+eE".indexOf(text.charAt(end)) >= 0;
  }

  /** The fixed pieces, one more than the holes. */
  String[] pieces() {
    return pieces;
  }

  /** The slot filling each hole, in text order. */
  int[] holes() {
    return holes;
  }

  /** The text with each hole filled by its slot's text, {@code source[start[slot], end[slot])}. */
  String fill(String source, int[] start, int[] end) {
    int length = fixedLength;
    for (int slot : holes) {
      length += end[slot] - start[slot];
    }
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < holes.length; i++) {
      out.append(pieces[i]).append(source, start[holes[i]], end[holes[i]]);
    }
    return out.append(pieces[holes.length]).toString();
  }

  /** Same pieces and holes. */
  boolean sameAs(HoledText other) {
    return other != null && Arrays.equals(pieces, other.pieces) && Arrays.equals(holes, other.holes);
  }
}
