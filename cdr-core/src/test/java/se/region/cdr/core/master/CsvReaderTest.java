package se.region.cdr.core.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
  private static List<CsvReader.Row> read(String csv) throws IOException {
    CsvReader reader = new CsvReader(new StringReader(csv), "t.csv");
    List<CsvReader.Row> rows = new ArrayList<>();
    for (CsvReader.Row r = reader.next(); r != null; r = reader.next()) {
      rows.add(r);
    }
    return rows;
  }

  @Test
  void plainQuotedAndMultiLineFields() throws IOException {
    List<CsvReader.Row> rows = read("a,b,c\r\n1,\"x, \"\"y\"\"\",3\n\n2,\"two\nlines\",\n");
    assertEquals(3, rows.size());
    assertEquals(List.of("a", "b", "c"), rows.get(0).fields());
    assertEquals(List.of("1", "x, \"y\"", "3"), rows.get(1).fields());
    assertEquals(2, rows.get(1).line());
    assertEquals(List.of("2", "two\nlines", ""), rows.get(2).fields());
    assertEquals(4, rows.get(2).line(), "the blank line 3 is skipped, the record starts on line 4");
  }

  @Test
  void byteOrderMarkAndSemicolons() throws IOException {
    List<CsvReader.Row> rows = read("\uFEFFa;b\n1;S:t Görans\n");
    assertEquals(List.of("a", "b"), rows.get(0).fields());
    assertEquals(List.of("1", "S:t Görans"), rows.get(1).fields());
  }

  @Test
  void commaHeaderKeepsSemicolonsInData() throws IOException {
    assertEquals(List.of("x;y", "2"), read("a,b\nx;y,2").get(1).fields());
  }

  @Test
  void unclosedQuoteNamesTheLine() {
    MasterDataException e = assertThrows(MasterDataException.class, () -> read("a,b\n1,2\n3,\"open\n"));
    assertEquals(3, e.problems().get(0).line());
    assertTrue(e.getMessage().contains("t.csv:3"), e.getMessage());
  }

  @Test
  void strayQuoteIsRefused() {
    MasterDataException e = assertThrows(MasterDataException.class, () -> read("a,b\n1,ab\"c\n"));
    assertEquals(2, e.problems().get(0).line());
  }

  @Test
  void emptyInput() throws IOException {
    assertNull(new CsvReader(new StringReader(""), "t.csv").next());
  }
}
