package se.region.cdr.aql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ehrbase.openehr.sdk.aql.dto.AqlQuery;
import org.junit.jupiter.api.Test;
import se.region.cdr.core.CdrException;

class AqlParsingTest {
  @Test
  void aTextIsParsedOnceAndTopStillBecomesALimit() {
    String q = "SELECT TOP 5 c/uid/value FROM EHR e[ehr_id/value=$ehr] CONTAINS COMPOSITION c";
    AqlQuery first = AqlParsing.parse(q);
    assertEquals(5L, first.getLimit());
    assertSame(first, AqlParsing.parse(q), "the same text: the parsed query is reused");
    assertNotSame(first, AqlParsing.parse(q + " "), "another text is parsed on its own");
  }

  @Test
  void syntaxErrorsAreNotRememberedAndStayErrors() {
    String bad = "SELECT c FROM EHR e CONTAIN COMPOSITION c";
    for (int i = 0; i < 2; i++) {
      CdrException e = assertThrows(CdrException.class, () -> AqlParsing.parse(bad));
      assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }
  }

  @Test
  void theCacheKeepsTheMostRecentlyUsedTexts() {
    String kept = "SELECT e/ehr_id/value FROM EHR e WHERE e/ehr_id/value = 'kept'";
    AqlQuery first = AqlParsing.parse(kept);
    for (int i = 0; i < AqlParsing.CACHED + 10; i++) {
      AqlParsing.parse("SELECT e/ehr_id/value FROM EHR e WHERE e/ehr_id/value = '" + i + "'");
      if (i % 100 == 0) {
        AqlParsing.parse(kept); // in use: stays
      }
    }
    assertSame(first, AqlParsing.parse(kept));
  }
}
