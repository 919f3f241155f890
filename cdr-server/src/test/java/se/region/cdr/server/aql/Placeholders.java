package se.region.cdr.server.aql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Robot Framework's {@code ${name}} variables as the conformance data uses them: in query templates,
 * in CSV cells (which may name further variables, e.g. {@code e/ehr_id/value = '${ehr_id1}'}) and in
 * the string values of expected result files. Robot's built-in {@code ${EMPTY}}, {@code ${SPACE}},
 * {@code ${TRUE}}, {@code ${FALSE}} and {@code ${NONE}} are known (as Robot writes them into text).
 * Unknown names are left as they are, so {@link #unresolved} can report them.
 */
final class Placeholders {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");
  /** Values may name variables again; a few passes cover every chain in the data. */
  private static final int PASSES = 5;
  private static final Map<String, String> BUILT_IN =
      Map.of("EMPTY", "", "SPACE", " ", "TRUE", "True", "FALSE", "False", "NONE", "None");

  private Placeholders() {}

  static String substitute(String text, Map<String, String> variables) {
    String current = text;
    for (int pass = 0; pass < PASSES; pass++) {
      String next = substituteOnce(current, variables);
      if (next.equals(current)) {
        return next;
      }
      current = next;
    }
    return current;
  }

  private static String substituteOnce(String text, Map<String, String> variables) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = variables.containsKey(name) ? variables.get(name) : BUILT_IN.get(name);
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A copy of the tree with variables substituted in every string value (never in keys). */
  static JsonNode substitute(JsonNode node, Map<String, String> variables) {
    if (node.isTextual()) {
      return JsonNodeFactory.instance.textNode(substitute(node.asText(), variables));
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> copy.add(substitute(item, variables)));
      return copy;
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        copy.set(field.getKey(), substitute(field.getValue(), variables));
      }
      return copy;
    }
    return node;
  }

  /** Names of the variables still in the text. */
  /** The variable a text consists of and nothing else ({@code ${name}}), or null. */
  static String whole(String text) {
    Matcher m = VARIABLE.matcher(text);
    return m.matches() ? m.group(1) : null;
  }

  static Set<String> unresolved(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
