package se.region.cdr.loader.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import se.region.cdr.core.store.StoredContent;

/**
 * The content nodes of a batch's new compositions into {@code comp_node} with one COPY (text
 * format): PostgreSQL reads plain rows instead of parsing a text array of every node's JSON, and
 * the JSON needs escaping only for backslash, tab and line breaks.
 */
final class NodeCopy {
  private static final String COPY = "copy comp_node (composition, ehr, archetype, num, num_cap, data) from stdin";

  private NodeCopy() {}

  /** One composition's rows: its id, EHR and content. */
  record Rows(long composition, long ehr, StoredContent content) {}

  static void copy(Connection c, List<Rows> compositions) throws SQLException {
    StringBuilder text = new StringBuilder(compositions.size() * 4096);
    for (Rows r : compositions) {
      StoredContent content = r.content();
      for (int i = 0; i < content.size(); i++) {
        text.append(r.composition()).append('\t').append(r.ehr()).append('\t').append(content.archetypeIds()[i]).append('\t')
            .append(content.num()[i]).append('\t').append(content.numCap()[i]).append('\t');
        appendEscaped(text, content.data()[i]);
        text.append('\n');
      }
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
    try {
      in.writeToCopy(bytes, 0, bytes.length);
      in.endCopy();
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
  }

  /** A value in COPY's text format: backslash, tab, newline and carriage return escaped. */
  static void appendEscaped(StringBuilder out, String value) {
    if (value.indexOf('\\') < 0 && value.indexOf('\t') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
      out.append(value); // compact JSON rarely holds any
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(ch);
      }
    }
  }
}
