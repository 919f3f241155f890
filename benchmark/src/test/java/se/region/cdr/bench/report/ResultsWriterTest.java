package se.region.cdr.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The phases of a run add their sections to one results.json; the first start time stays. */
class ResultsWriterTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path out;

  @Test
  void phasesAddTheirSections() throws Exception {
    ResultsWriter writer = new ResultsWriter(out);
    ObjectNode load = MAPPER.createObjectNode().put("startedAt", "first");
    load.putObject("load").put("concurrency", 4).put("complete", true).put("committed", 10);
    writer.write(load);
    ObjectNode queries = MAPPER.createObjectNode().put("startedAt", "second");
    queries.putObject("queries").put("warmupRuns", 10).put("measuredRuns", 50);
    writer.write(queries);

    JsonNode results = MAPPER.readTree(out.resolve(ResultsWriter.JSON).toFile());
    assertEquals("first", results.path("startedAt").asText());
    assertEquals(10, results.at("/load/committed").asInt());
    assertEquals(50, results.at("/queries/measuredRuns").asInt());
    String markdown = Files.readString(out.resolve(ResultsWriter.MARKDOWN));
    assertTrue(markdown.contains("## Load"), markdown);
    assertTrue(markdown.contains("## Queries: 10 warm-up + 50 measured runs"), markdown);
    assertTrue(!markdown.contains("## W1"), markdown);
  }
}
