package se.region.cdr.loader.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a mapping file (YAML, or JSON, which is YAML too) into a {@link Mapping}. Every problem is a
 * {@link MappingException} naming the key or rule; unknown keys are errors, so typos do not pass silently.
 * See loader/README.md for the format.
 */
public final class MappingParser {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern SEMVER = Pattern.compile("\\d+\\.\\d+\\.\\d+([-+][0-9A-Za-z.-]+)?");
  /** HSA-id: SE + 10-digit organisation number + '-' + local part. */
  public static final String HSA_ID = "SE[0-9]{10}-[0-9A-Za-z]+";
  /** The FLAT id of the project's provenance cluster below {@code <root>/context}. */
  static final String PROVENANCE = "context/cdr_provenance/";
  /** Source token for the record key (the provenance cluster's source record identifier). */
  public static final String RECORD_KEY = "$recordKey";

  private static final Set<String> TOP = Set.of("mapping", "version", "description", "input", "template", "timeZone", "recordKey", "subject",
      "provenance", "constants", "rules", "lookups");
  private static final Set<String> RULE = Set.of("path", "source", "constant", "type", "required", "pattern", "decimalComma", "precision",
      "codes", "codeTable", "terminology", "unit", "unitSource", "conversions", "regex", "when", "rules");

  private MappingParser() {}

  public static Mapping parse(String text) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new MappingException("Mapping file is not valid YAML/JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
    }
    if (root == null || !root.isObject()) {
      throw new MappingException("Mapping file must be an object with keys mapping, version, input, template, recordKey, subject, rules");
    }
    checkKeys(root, TOP, "mapping file");
    String id = required(root, "mapping", "mapping file");
    if (!ID.matcher(id).matches()) {
      throw new MappingException("mapping id '" + id + "' may only hold letters, digits, '.', '_' and '-'");
    }
    String version = required(root, "version", "mapping " + id);
    if (!SEMVER.matcher(version).matches()) {
      throw new MappingException("mapping " + id + ": version '" + version + "' is not a semantic version (e.g. 1.0.0)");
    }
    String where = "mapping " + id + " " + version;
    InputSpec input = input(root.path("input"), where + ": input");
    String template = required(root, "template", where);
    ZoneId zone = zone(root.path("timeZone").asText("Europe/Stockholm"), where);
    RecordKeySpec key = recordKey(root.path("recordKey"), where + ": recordKey");
    SubjectSpec subject = subject(root.path("subject"), where + ": subject");
    if (input.composition() != null) {
      return canonical(root, id, version, input, template, zone, key, subject, where);
    }
    List<FieldRule> rules = new ArrayList<>();
    JsonNode ruleNodes = root.path("rules");
    if (!ruleNodes.isArray() || ruleNodes.isEmpty()) {
      throw new MappingException(where + ": rules must be a non-empty list");
    }
    rules(ruleNodes, List.of(), rules, where);
    String rootId = rootId(rules, where);
    constants(root.path("constants"), rootId, rules, where);
    boolean providerFromMasterData = provenance(root.path("provenance"), rootId, key, rules, where);
    List<Lookup> lookups = lookups(root.path("lookups"), where + ": lookups");
    for (FieldRule r : rules) {
      if (subject.source().equals(r.source()) && !subject.careUnit()) {
        throw new MappingException(where + ": " + r.name() + " reads the subject field '" + subject.source()
            + "'; personal identity numbers never enter the store (the subject becomes the EHR's pseudonym)");
      }
    }
    return new Mapping(id, version, root.path("description").asText(""), input, template, zone, key, subject, List.copyOf(rules), lookups,
        providerFromMasterData);
  }

  /**
   * A mapping of records that carry whole canonical compositions ({@code input.composition}): the
   * composition is validated as it is, so there are no rules, constants, provenance or lookups.
   */
  private static Mapping canonical(JsonNode root, String id, String version, InputSpec input, String template, ZoneId zone,
      RecordKeySpec key, SubjectSpec subject, String where) {
    if (input.format() != InputFormat.JSONL) {
      throw new MappingException(where + ": input.composition needs format jsonl (one record with a canonical composition per line)");
    }
    for (String field : List.of("rules", "constants", "provenance", "lookups")) {
      if (root.has(field)) {
        throw new MappingException(where + ": " + field + " cannot be combined with input.composition (the records carry whole canonical compositions)");
      }
    }
    if (key.fields().contains(input.composition()) || subject.source().equals(input.composition())) {
      throw new MappingException(where + ": the composition element '" + input.composition() + "' cannot be the record key or the subject");
    }
    return new Mapping(id, version, root.path("description").asText(""), input, template, zone, key, subject, List.of(), List.of(), false);
  }

  private static InputSpec input(JsonNode n, String where) {
    if (!n.isObject()) {
      throw new MappingException(where + " is missing (format: csv | jsonl | fhir-bundle)");
    }
    checkKeys(n, Set.of("format", "delimiter", "quote", "encoding", "header", "columns", "resourceTypes", "select", "require", "composition"), where);
    InputFormat format = InputFormat.parse(required(n, "format", where));
    Charset encoding;
    try {
      encoding = Charset.forName(n.path("encoding").asText("UTF-8"));
    } catch (RuntimeException e) {
      throw new MappingException(where + ": unknown encoding '" + n.path("encoding").asText() + "'");
    }
    char delimiter = oneChar(n.path("delimiter").asText(","), where + ".delimiter");
    char quote = oneChar(n.path("quote").asText("\""), where + ".quote");
    List<String> columns = strings(n.path("columns"), where + ".columns");
    boolean header = n.path("header").asBoolean(columns.isEmpty());
    if (format == InputFormat.CSV && !header && columns.isEmpty()) {
      throw new MappingException(where + ": a CSV without header needs columns");
    }
    List<String> types = strings(n.path("resourceTypes"), where + ".resourceTypes");
    if (format == InputFormat.FHIR_BUNDLE && types.isEmpty()) {
      throw new MappingException(where + ": a fhir-bundle input needs resourceTypes (e.g. [Observation])");
    }
    Condition select = n.has("select") ? condition(n.path("select"), where + ".select") : null;
    String composition = n.hasNonNull("composition") ? n.path("composition").asText() : null;
    if (composition != null && !ID.matcher(composition).matches()) {
      throw new MappingException(where + ".composition must name a top-level field of the record (letters, digits, '.', '_', '-'), not '" + composition + "'");
    }
    return new InputSpec(format, delimiter, quote, encoding, header, columns, types, select, requirements(n.path("require"), where + ".require"),
        composition);
  }

  /** {@code require}: a list of conditions, each with an optional reject {@code reason} (default unknown_code). */
  private static List<InputSpec.Requirement> requirements(JsonNode n, String where) {
    if (n.isMissingNode() || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new MappingException(where + " must be a list of conditions (source with equals, in or present; optional reason)");
    }
    List<InputSpec.Requirement> out = new ArrayList<>();
    for (JsonNode c : n) {
      String at = where + "[" + out.size() + "]";
      if (!c.isObject()) {
        throw new MappingException(at + " is not a condition");
      }
      ObjectNode condition = ((ObjectNode) c).deepCopy();
      String reason = condition.has("reason") ? condition.remove("reason").asText() : "unknown_code";
      if (!reason.matches("[a-z][a-z_]*")) {
        throw new MappingException(at + ": reason '" + reason + "' is not a reason code (lower case and '_', e.g. unknown_code)");
      }
      out.add(new InputSpec.Requirement(condition(condition, at), reason));
    }
    return List.copyOf(out);
  }

  private static RecordKeySpec recordKey(JsonNode n, String where) {
    if (!n.isObject()) {
      throw new MappingException(where + " is missing (sourceSystem and fields)");
    }
    checkKeys(n, Set.of("sourceSystem", "fields"), where);
    List<String> fields = strings(n.path("fields"), where + ".fields");
    if (fields.isEmpty()) {
      throw new MappingException(where + ".fields must name at least one source field");
    }
    return new RecordKeySpec(required(n, "sourceSystem", where), fields);
  }

  private static SubjectSpec subject(JsonNode n, String where) {
    if (!n.isObject()) {
      throw new MappingException(where + " is missing (source: the field with the personal identity number or patient id)");
    }
    checkKeys(n, Set.of("source", "namespace", "kind"), where);
    SubjectSpec.Kind kind = switch (n.path("kind").asText("person")) {
      case "person" -> SubjectSpec.Kind.PERSON;
      case "care-unit" -> SubjectSpec.Kind.CARE_UNIT;
      case "pseudonym" -> SubjectSpec.Kind.PSEUDONYM;
      default -> throw new MappingException(where + ".kind '" + n.path("kind").asText()
          + "' is not one of person (pseudonymised), care-unit (HSA-id in clear), pseudonym (issued elsewhere, kept)");
    };
    String namespace = n.path("namespace").asText(kind == SubjectSpec.Kind.CARE_UNIT ? SubjectSpec.UNIT_NAMESPACE : "se.region.pseudonym");
    return new SubjectSpec(required(n, "source", where), namespace, kind);
  }

  private static List<Lookup> lookups(JsonNode n, String where) {
    if (n.isMissingNode() || n.isNull()) {
      return List.of();
    }
    if (!n.isObject()) {
      throw new MappingException(where + " must be a table of name -> {file, key, on, columns}");
    }
    List<Lookup> out = new ArrayList<>();
    n.fields().forEachRemaining(e -> {
      String w = where + "." + e.getKey();
      if (!ID.matcher(e.getKey()).matches() || e.getKey().contains(".")) {
        throw new MappingException(w + ": a lookup name may only hold letters, digits, '_' and '-'");
      }
      checkKeys(e.getValue(), Set.of("file", "key", "on", "columns"), w);
      List<String> columns = strings(e.getValue().path("columns"), w + ".columns");
      if (columns.isEmpty()) {
        throw new MappingException(w + ".columns must name at least one column of the lookup file");
      }
      out.add(new Lookup(e.getKey(), required(e.getValue(), "file", w), required(e.getValue(), "key", w), required(e.getValue(), "on", w), columns));
    });
    return List.copyOf(out);
  }

  /** Flattens rules and groups ({@code when} + {@code rules}) in order; group conditions are inherited. */
  private static void rules(JsonNode list, List<Condition> inherited, List<FieldRule> out, String where) {
    for (JsonNode n : list) {
      String name = "rule " + (out.size() + 1) + (n.hasNonNull("path") ? " (" + n.path("path").asText() + ")" : "");
      if (!n.isObject()) {
        throw new MappingException(where + ": " + name + " is not an object");
      }
      checkKeys(n, RULE, where + ": " + name);
      List<Condition> when = new ArrayList<>(inherited);
      if (n.has("when")) {
        when.add(condition(n.path("when"), where + ": " + name + ".when"));
      }
      if (n.has("rules")) {
        if (n.has("path")) {
          throw new MappingException(where + ": " + name + " has both path and rules (a group has only when and rules)");
        }
        rules(n.path("rules"), List.copyOf(when), out, where);
        continue;
      }
      out.add(rule(n, name, List.copyOf(when), where + ": " + name));
    }
  }

  private static FieldRule rule(JsonNode n, String name, List<Condition> when, String where) {
    String path = required(n, "path", where);
    String source = n.hasNonNull("source") ? n.path("source").asText() : null;
    JsonNode constant = n.get("constant");
    if ((source == null) == (constant == null)) {
      throw new MappingException(where + ": needs exactly one of source and constant");
    }
    if (n.has("codes") && n.has("codeTable")) {
      throw new MappingException(where + ": has both codes and codeTable (one translation per rule)");
    }
    FieldType type = n.has("type") ? FieldType.parse(n.path("type").asText(), where)
        : n.has("codes") || n.has("codeTable") ? FieldType.CODE : n.has("unit") ? FieldType.QUANTITY : FieldType.TEXT;
    if ((type == FieldType.CODE || type == FieldType.QUANTITY) && path.contains("|")) {
      throw new MappingException(where + ": a " + type.name().toLowerCase() + " rule names the element without a |suffix (it writes "
          + (type == FieldType.CODE ? "|code, |value and |terminology" : "|magnitude and |unit") + ")");
    }
    DateTimeFormatter pattern = null;
    if (n.has("pattern")) {
      try {
        pattern = pattern(n.path("pattern").asText());
      } catch (IllegalArgumentException e) {
        throw new MappingException(where + ": bad date/time pattern '" + n.path("pattern").asText() + "': " + e.getMessage());
      }
    }
    CodeTable codes = n.has("codes") ? codes(n.path("codes"), n.path("terminology").asText("local"), where)
        : n.has("codeTable") ? CodeTables.get(n.path("codeTable").asText(), where) : null;
    if (type == FieldType.CODE && codes == null) {
      throw new MappingException(where + ": a code rule needs a codes table (source code -> target code)");
    }
    UnitConversion units = null;
    if (type == FieldType.QUANTITY) {
      units = units(n, where);
    }
    Pattern regex = null;
    if (n.has("regex")) {
      try {
        regex = Pattern.compile(n.path("regex").asText());
      } catch (PatternSyntaxException e) {
        throw new MappingException(where + ": bad regex: " + e.getDescription());
      }
    }
    Integer precision = n.has("precision") ? n.path("precision").asInt() : null;
    return new FieldRule(name, path, source, constant, type, n.path("required").asBoolean(false), pattern, n.path("decimalComma").asBoolean(false),
        precision, codes, units, n.hasNonNull("unitSource") ? n.path("unitSource").asText() : null, regex, when);
  }

  /**
   * A date/time pattern; one without a time of day (e.g. {@code yyyy-MM-dd}) reads midnight, so a
   * date-only column can fill a DV_DATE_TIME (in the mapping's time zone, like any local time).
   */
  static DateTimeFormatter pattern(String text) {
    String unquoted = text.replaceAll("'[^']*'", "");
    DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().appendPattern(text);
    if (!unquoted.matches(".*[HhkK].*")) {
      b.parseDefaulting(ChronoField.HOUR_OF_DAY, 0).parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0);
    }
    return b.toFormatter();
  }

  private static CodeTable codes(JsonNode n, String defaultTerminology, String where) {
    if (!n.isObject() || n.isEmpty()) {
      throw new MappingException(where + ": codes must be a non-empty table of source code -> target code");
    }
    Map<String, CodeTable.Code> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode t = e.getValue();
      if (t.isValueNode()) {
        out.put(e.getKey(), new CodeTable.Code(t.asText(), t.asText(), defaultTerminology));
      } else {
        checkKeys(t, Set.of("code", "value", "terminology"), where + ": codes." + e.getKey());
        String code = required(t, "code", where + ": codes." + e.getKey());
        out.put(e.getKey(), new CodeTable.Code(code, t.path("value").asText(code), t.path("terminology").asText(defaultTerminology)));
      }
    }
    return new CodeTable(Map.copyOf(out));
  }

  private static UnitConversion units(JsonNode n, String where) {
    String target = required(n, "unit", where);
    Map<String, UnitConversion.Linear> from = new LinkedHashMap<>();
    for (JsonNode c : n.path("conversions")) {
      checkKeys(c, Set.of("from", "factor", "offset"), where + ".conversions");
      String unit = required(c, "from", where + ".conversions");
      if (c.has("factor")) {
        from.put(unit, new UnitConversion.Linear(new BigDecimal(c.path("factor").asText()), new BigDecimal(c.path("offset").asText("0"))));
      } else {
        from.put(unit, UnitConversion.known(unit, target).orElseThrow(() -> new MappingException(
            where + ": no built-in conversion from " + unit + " to " + target + "; give factor (and offset)")));
      }
    }
    return new UnitConversion(target, Map.copyOf(from));
  }

  private static Condition condition(JsonNode n, String where) {
    checkKeys(n, Set.of("source", "equals", "in", "present"), where);
    String source = required(n, "source", where);
    if (n.has("equals")) {
      return new Condition(source, List.of(n.path("equals").asText()), false);
    }
    if (n.has("in")) {
      return new Condition(source, strings(n.path("in"), where + ".in"), false);
    }
    return new Condition(source, List.of(), true);
  }

  private static String rootId(List<FieldRule> rules, String where) {
    String root = null;
    for (FieldRule r : rules) {
      String first = r.path().split("[/|]", 2)[0];
      if (root == null) {
        root = first;
      } else if (!root.equals(first)) {
        throw new MappingException(where + ": " + r.name() + " starts with '" + first + "' but the other rules with '" + root
            + "' (every FLAT path starts with the template's root id)");
      }
    }
    return root;
  }

  private static void constants(JsonNode n, String root, List<FieldRule> rules, String where) {
    if (n.isMissingNode() || n.isNull()) {
      return;
    }
    if (!n.isObject()) {
      throw new MappingException(where + ": constants must be a table of FLAT path -> value");
    }
    n.fields().forEachRemaining(e -> {
      String path = e.getKey().startsWith(root + "/") ? e.getKey() : root + "/" + e.getKey();
      rules.add(constantRule("constant " + path, path, e.getValue()));
    });
  }

  /**
   * Expands {@code provenance} into the rules of the project's provenance cluster
   * (templates/vital_signs/README.md): source system, care provider and care unit HSA-ids, and the
   * source record identifier (the record key).
   */
  private static boolean provenance(JsonNode n, String root, RecordKeySpec key, List<FieldRule> rules, String where) {
    if (n.isMissingNode() || n.isNull()) {
      return false;
    }
    checkKeys(n, Set.of("sourceSystem", "issuer", "careProvider", "careUnit", "sourceRecordId"), where + ": provenance");
    String issuer = n.path("issuer").asText(key.sourceSystem());
    String base = root + "/" + PROVENANCE;
    JsonNode system = n.has("sourceSystem") ? n.path("sourceSystem") : JsonNodeFactory.instance.objectNode().put("constant", key.sourceSystem());
    identifier(rules, base + "source_system", valueRule(system, where + ": provenance.sourceSystem"), issuer, "system", null);
    boolean providerFromMasterData = n.path("careProvider").path("masterData").asBoolean(false);
    if (providerFromMasterData) {
      // the |id is the provider of the record's care unit at its date, filled in by the master-data check
      checkKeys(n.path("careProvider"), Set.of("masterData"), where + ": provenance.careProvider");
      identifierAttributes(rules, base + "care_provider_hsa-id", "HSA", "HSA-id");
    } else {
      identifier(rules, base + "care_provider_hsa-id", valueRule(n.path("careProvider"), where + ": provenance.careProvider"), "HSA", "HSA-id", HSA_ID);
    }
    identifier(rules, base + "care_unit_hsa-id", valueRule(n.path("careUnit"), where + ": provenance.careUnit"), "HSA", "HSA-id", HSA_ID);
    if (n.path("sourceRecordId").asBoolean(true)) {
      ObjectNode recordKey = JsonNodeFactory.instance.objectNode().put("source", RECORD_KEY);
      identifier(rules, base + "source_record_identifier", recordKey, issuer, "source-record", null);
    }
    return providerFromMasterData;
  }

  private static ObjectNode valueRule(JsonNode n, String where) {
    if (!n.isObject() || (n.has("source") == n.has("constant"))) {
      throw new MappingException(where + " needs exactly one of source and constant" + (where.endsWith("careProvider") ? " (or masterData: true)" : ""));
    }
    return (ObjectNode) n;
  }

  private static void identifier(List<FieldRule> rules, String path, ObjectNode value, String issuer, String type, String regex) {
    String name = "provenance " + path.substring(path.lastIndexOf('/') + 1);
    rules.add(new FieldRule(name, path + "|id", value.hasNonNull("source") ? value.path("source").asText() : null, value.get("constant"),
        FieldType.TEXT, true, null, false, null, null, null, null, regex == null ? null : Pattern.compile(regex), List.of()));
    identifierAttributes(rules, path, issuer, type);
  }

  private static void identifierAttributes(List<FieldRule> rules, String path, String issuer, String type) {
    String name = "provenance " + path.substring(path.lastIndexOf('/') + 1);
    rules.add(constantRule(name, path + "|issuer", JsonNodeFactory.instance.textNode(issuer)));
    rules.add(constantRule(name, path + "|assigner", JsonNodeFactory.instance.textNode(issuer)));
    rules.add(constantRule(name, path + "|type", JsonNodeFactory.instance.textNode(type)));
  }

  private static FieldRule constantRule(String name, String path, JsonNode value) {
    return new FieldRule(name, path, null, value, FieldType.TEXT, false, null, false, null, null, null, null, null, List.of());
  }

  private static ZoneId zone(String text, String where) {
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw new MappingException(where + ": timeZone '" + text + "' is not a time zone id (e.g. Europe/Stockholm)");
    }
  }

  private static char oneChar(String text, String where) {
    String t = text.equals("\\t") ? "\t" : text;
    if (t.length() != 1) {
      throw new MappingException(where + " must be one character, got '" + text + "'");
    }
    return t.charAt(0);
  }

  private static List<String> strings(JsonNode n, String where) {
    if (n.isMissingNode() || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new MappingException(where + " must be a list");
    }
    List<String> out = new ArrayList<>();
    n.forEach(v -> out.add(v.asText()));
    return List.copyOf(out);
  }

  private static String required(JsonNode n, String key, String where) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
      throw new MappingException(where + ": '" + key + "' is required");
    }
    return v.asText();
  }

  private static void checkKeys(JsonNode n, Set<String> allowed, String where) {
    n.fieldNames().forEachRemaining(k -> {
      if (!allowed.contains(k)) {
        throw new MappingException(where + ": unknown key '" + k + "' (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
    });
  }

  /** Reads a mapping from UTF-8 bytes. */
  public static Mapping parse(byte[] utf8) {
    return parse(new String(utf8, StandardCharsets.UTF_8));
  }
}
