package se.region.cdr.aql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests of the compiler: each {@code golden/NAME.aql} (AQL, optionally preceded by a
 * {@code -- params: {json}} line and an {@code -- indexes: [[archetype id, path], ...]} line of
 * declared value indexes, numbered from 1) compiles to exactly {@code golden/NAME.sql} (the SQL, then a
 * {@code -- params:} line with the bound values, and a {@code -- plan:} line: a generic plan PostgreSQL
 * keeps, for queries about given EHRs, or a custom plan per values). A change in the generated SQL shows up in review.
 * Regenerate after an intended change with {@code mvn -pl aql-engine test -Dgolden.update=true}.
 */
class GoldenSqlTest {
  private static final Path DIR = Path.of("src/test/resources/golden");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> compiledSqlMatchesGoldenFiles() throws IOException {
    List<Path> cases;
    try (Stream<Path> files = Files.list(DIR)) {
      cases = files.filter(p -> p.toString().endsWith(".aql")).sorted().toList();
    }
    return cases.stream().map(aql -> DynamicTest.dynamicTest(aql.getFileName().toString(), () -> check(aql)));
  }

  @SuppressWarnings("unchecked")
  private static void check(Path aqlFile) throws IOException {
    String text = Files.readString(aqlFile, StandardCharsets.UTF_8);
    Map<String, Object> params = new LinkedHashMap<>();
    List<ValueIndexes.ValueIndex> indexes = new ArrayList<>();
    while (text.startsWith("-- ")) {
      int eol = text.indexOf('\n');
      String header = text.substring(0, eol);
      if (header.startsWith("-- params:")) {
        params = JSON.readValue(header.substring("-- params:".length()), LinkedHashMap.class);
      } else if (header.startsWith("-- indexes:")) {
        for (List<String> index : (List<List<String>>) JSON.readValue(header.substring("-- indexes:".length()), List.class)) {
          indexes.add(new ValueIndexes.ValueIndex(indexes.size() + 1, index.get(0), index.get(1)));
        }
      }
      text = text.substring(eol + 1);
    }
    QueryCompiler.Compiled compiled = new QueryCompiler("golden.cdr").compile(AqlParsing.parse(text), params, null, null, indexes);
    StringBuilder bound = new StringBuilder();
    for (Object p : compiled.params()) {
      bound.append(bound.length() == 0 ? "" : ", ").append(p instanceof String[] a ? String.join("|", a) : String.valueOf(p));
    }
    String actual = compiled.sql() + "\n-- params: " + bound + "\n-- plan: " + (compiled.givenEhrs() ? "generic (given EHRs)" : "custom") + "\n";
    Path sqlFile = Path.of(aqlFile.toString().replaceAll("\\.aql$", ".sql"));
    if (Boolean.getBoolean("golden.update") || !Files.exists(sqlFile)) {
      Files.writeString(sqlFile, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(sqlFile, StandardCharsets.UTF_8), actual, "generated SQL of " + aqlFile.getFileName());
  }
}
