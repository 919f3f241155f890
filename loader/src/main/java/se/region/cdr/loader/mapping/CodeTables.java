package se.region.cdr.loader.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The shipped code tables ({@code mappings/code-tables/<name>.yaml} on the classpath) that rules
 * name with {@code codeTable: <name>}: one source code system translated to one target terminology,
 * each entry with the target code and display and, for the reader, the source display and a note
 * on how exact the translation is. A code not in the table rejects the record as
 * {@code unknown_code}. Format and the tables' provenance: loader/README.md, "Code tables".
 */
public final class CodeTables {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Map<String, CodeTable> CACHE = new ConcurrentHashMap<>();

  private CodeTables() {}

  /** The named table; a MappingException naming {@code where} when it does not exist or is malformed. */
  public static CodeTable get(String name, String where) {
    if (!NAME.matcher(name).matches()) {
      throw new MappingException(where + ": codeTable '" + name + "' is not a table name (lower-case letters, digits, '-')");
    }
    CodeTable cached = CACHE.get(name);
    if (cached != null) {
      return cached;
    }
    CodeTable table = read(name, where);
    CACHE.put(name, table);
    return table;
  }

  private static CodeTable read(String name, String where) {
    JsonNode root;
    try (InputStream in = CodeTables.class.getClassLoader().getResourceAsStream("mappings/code-tables/" + name + ".yaml")) {
      if (in == null) {
        throw new MappingException(where + ": codeTable '" + name + "' is not a shipped code table (mappings/code-tables/" + name + ".yaml)");
      }
      root = YAML.readTree(in);
    } catch (IOException e) {
      throw new MappingException(where + ": code table " + name + " cannot be read: " + e.getMessage());
    }
    String at = "code table " + name;
    check(root, Set.of("table", "description", "sourceSystem", "terminology", "codes"), at);
    if (!name.equals(root.path("table").asText())) {
      throw new MappingException(at + ": says table '" + root.path("table").asText() + "'");
    }
    String terminology = root.path("terminology").asText("");
    if (terminology.isBlank() || !root.path("codes").isObject() || root.path("codes").isEmpty()) {
      throw new MappingException(at + ": needs terminology and a non-empty codes table");
    }
    Map<String, CodeTable.Code> codes = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("codes").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode t = e.getValue();
      check(t, Set.of("code", "value", "source", "note"), at + ": codes." + e.getKey());
      String code = t.path("code").asText("");
      if (code.isBlank() || t.path("value").asText("").isBlank()) {
        throw new MappingException(at + ": codes." + e.getKey() + " needs code and value");
      }
      codes.put(e.getKey(), new CodeTable.Code(code, t.path("value").asText(), terminology));
    }
    return new CodeTable(Map.copyOf(codes));
  }

  private static void check(JsonNode n, Set<String> allowed, String where) {
    if (!n.isObject()) {
      throw new MappingException(where + " must be a table");
    }
    n.fieldNames().forEachRemaining(k -> {
      if (!allowed.contains(k)) {
        throw new MappingException(where + ": unknown key '" + k + "' (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
    });
  }
}
