package se.region.cdr.loader.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link TopLevelField#endOfString} ends a JSON string where a left-to-right reading of its escapes ends it. */
class TopLevelFieldTest {
  @Test
  void endOfStringFollowsEscapes() {
    char[] alphabet = {'"', '\\', 'a', '₂', '{', '}'};
    Random random = new Random(7);
    for (int run = 0; run < 20_000; run++) {
      StringBuilder text = new StringBuilder("x\"");
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        text.append(alphabet[random.nextInt(alphabet.length)]);
      }
      assertEquals(readingEscapes(text.toString(), 1), TopLevelField.endOfString(text.toString(), 1), text.toString());
    }
  }

  /** The plain reading: a backslash takes the next character with it, the first other quote ends the string. */
  private static int readingEscapes(String text, int start) {
    for (int i = start + 1; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '\\') {
        i++;
      } else if (ch == '"') {
        return i + 1;
      }
    }
    return -1;
  }
}
