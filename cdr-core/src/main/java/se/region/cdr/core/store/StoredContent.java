package se.region.cdr.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import se.region.cdr.core.store.CompositionStore.Content;

/**
 * Content of one new version as its {@code comp_node} rows will hold it: per node (in pre-order) its
 * number, the last number in its subtree, its archetype id and its JSON in stored compact form
 * ({@link CompactJson}); and the context start time for the composition row.
 */
public record StoredContent(int[] num, int[] numCap, int[] archetypeIds, String[] data, OffsetDateTime startTime) {
  /** Encodes split content: each node in its compact form (the root's language decides what the entries leave out). */
  public static StoredContent of(Content content) {
    List<ContentNode> nodes = content.nodes();
    JsonNode language = nodes.get(0).data().get("language");
    int n = nodes.size();
    int[] num = new int[n];
    int[] numCap = new int[n];
    String[] data = new String[n];
    for (int i = 0; i < n; i++) {
      ContentNode node = nodes.get(i);
      num[i] = node.num();
      numCap[i] = node.numCap();
      data[i] = CompactJson.encode(node, language).toString();
    }
    return new StoredContent(num, numCap, content.archetypeIds(), data, content.startTime());
  }

  public int size() {
    return data.length;
  }
}
