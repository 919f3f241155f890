package se.region.cdr.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The rows of an openEHR {@code RESULT_SET} ({@code {"q", "columns", "rows"}}). */
record AqlResult(List<List<JsonNode>> rows) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static AqlResult parse(String body) throws IOException {
    JsonNode root = MAPPER.readTree(body);
    JsonNode rows = root == null ? null : root.get("rows");
    if (rows == null || !rows.isArray()) {
      throw new IOException("no \"rows\" array in the result set");
    }
    List<List<JsonNode>> parsed = new ArrayList<>();
    for (JsonNode row : rows) {
      List<JsonNode> cells = new ArrayList<>();
      row.forEach(cells::add);
      parsed.add(cells);
    }
    return new AqlResult(List.copyOf(parsed));
  }

  int size() {
    return rows.size();
  }

  /** The cell of the first row and column, or a missing node when there is none. */
  JsonNode single() {
    return rows.isEmpty() || rows.get(0).isEmpty() ? MissingNode.getInstance() : rows.get(0).get(0);
  }

  JsonNode cell(int row, int column) {
    List<JsonNode> cells = rows.get(row);
    return column < cells.size() ? cells.get(column) : MissingNode.getInstance();
  }
}
