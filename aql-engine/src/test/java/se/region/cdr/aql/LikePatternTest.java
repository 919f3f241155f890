package se.region.cdr.aql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** AQL LIKE patterns as SQL LIKE patterns (backslash is PostgreSQL's LIKE escape). */
class LikePatternTest {
  @Test
  void starAndQuestionMarkAreTheWildcards() {
    assertEquals("Vital%", Conditions.likePattern("Vital*"));
    assertEquals("type_repetition%", Conditions.likePattern("type?repetition*"));
  }

  @Test
  void percentUnderscoreAndBackslashAreLiteral() {
    assertEquals("Name\\%\\_", Conditions.likePattern("Name%_"));
    assertEquals("a\\\\", Conditions.likePattern("a\\"));
  }

  @Test
  void backslashEscapesTheNextCharacter() {
    assertEquals("Name*?", Conditions.likePattern("Name\\*\\?"));
    assertEquals("%*?", Conditions.likePattern("*\\*\\?"));
    assertEquals("a\\\\%", Conditions.likePattern("a\\\\*"));
  }
}
