package se.region.cdr.loader.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import se.region.cdr.loader.input.SourceRecord;
import se.region.cdr.loader.mapping.CodeTable;
import se.region.cdr.loader.mapping.Condition;
import se.region.cdr.loader.mapping.FieldRule;
import se.region.cdr.loader.mapping.InputSpec;
import se.region.cdr.loader.mapping.Mapping;
import se.region.cdr.loader.mapping.MappingParser;

/**
 * Applies a mapping's field rules to one source record: the subject becomes its pseudonym, the
 * record key is formed, every rule's value is parsed, translated and converted into FLAT keys.
 * Thread-safe; one per load.
 */
public final class RecordMapper {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** FLAT segments right below the root that are not clinical content. */
  private static final Set<String> NOT_CONTENT = Set.of("context", "language", "territory", "category", "composer");

  private final Mapping mapping;
  private final Pseudonymizer pseudonymizer;
  private final String rootId;
  private final CanonicalShapes canonicalShapes;

  public RecordMapper(Mapping mapping, Pseudonymizer pseudonymizer, String rootId) {
    this(mapping, pseudonymizer, rootId, null);
  }

  /** @param canonicalShapes for a mapping of canonical compositions: whose text shapes the compositions are matched to (may be null) */
  public RecordMapper(Mapping mapping, Pseudonymizer pseudonymizer, String rootId, CanonicalShapes canonicalShapes) {
    this.mapping = mapping;
    this.pseudonymizer = pseudonymizer;
    this.rootId = rootId;
    this.canonicalShapes = canonicalShapes;
  }

  /** Whether the record is one the mapping consumes (the input's select condition); others are skipped. */
  public boolean selected(SourceRecord record) {
    Condition select = mapping.input().select();
    return select == null || select.test(record.value(select.source()));
  }

  /** The record's info, as far as it can be read (for the quarantine when mapping fails early). */
  public RecordInfo info(SourceRecord record) {
    String identity = record.value(mapping.subject().source());
    String pseudonym = identity == null || identity.isBlank() ? null
        : mapping.subject().keepsInClear(identity) ? identity.trim() : pseudonymizer.pseudonym(identity);
    String key = recordKey(record, pseudonym);
    return new RecordInfo(record.number(), record.line(), key, pseudonym, () -> scrub(record.raw(), identity, pseudonym));
  }

  /** Maps the record to FLAT; a Rejection carries the reason (its message never holds the identity). */
  public MappedRecord map(SourceRecord record, RecordInfo info) throws Rejection {
    String identity = record.value(mapping.subject().source());
    try {
      return map(record, info, identity);
    } catch (Rejection r) {
      if (identity != null && r.getMessage() != null && r.getMessage().contains(identity.trim())) {
        throw new Rejection(r.reasonCode(), r.path(), r.rule(), r.getMessage().replace(identity.trim(), info.pseudonym()));
      }
      throw r;
    }
  }

  private MappedRecord map(SourceRecord record, RecordInfo info, String identity) throws Rejection {
    if (record.problem() != null) {
      throw new Rejection(Rejection.BAD_RECORD, null, null, record.problem());
    }
    if (info.pseudonym() == null) {
      throw new Rejection(Rejection.MISSING_SUBJECT, null, "subject", "subject field '" + mapping.subject().source() + "' is empty");
    }
    if (info.recordKey() == null) {
      throw new Rejection(Rejection.MISSING_REQUIRED, null, "recordKey", "a record key field " + mapping.recordKey().fields() + " is empty");
    }
    for (InputSpec.Requirement required : mapping.input().require()) {
      Condition c = required.condition();
      String value = record.value(c.source());
      if (!c.test(value)) {
        throw new Rejection(required.reason(), c.source(), "input.require", value == null || value.isBlank()
            ? "'" + c.source() + "' is empty (required: " + c + ")"
            : "'" + value.trim() + "' in '" + c.source() + "' is not one this mapping maps (required: " + c + ")");
      }
    }
    String refusal = mapping.subject().refusal(identity);
    if (refusal != null) {
      throw new Rejection(Rejection.BAD_VALUE, null, "subject", refusal);
    }
    if (mapping.input().canonical()) {
      CanonicalInput composition = composition(record);
      if (composition == null && record.problem() != null) {
        throw new Rejection(Rejection.BAD_RECORD, null, null, record.problem()); // its text was not JSON: neither is the record
      }
      if (composition == null) {
        throw new Rejection(Rejection.BAD_RECORD, null, mapping.input().composition(),
            "field '" + mapping.input().composition() + "' does not hold a canonical COMPOSITION object");
      }
      ByteBuffer utf8 = composition.matchedText() ? record.rawJsonUtf8(mapping.input().composition()) : null;
      String hash = utf8 != null ? contentHash(info.pseudonym(), utf8) : contentHash(info.pseudonym(), composition.hashedText());
      return MappedRecord.canonical(info, composition, hash);
    }
    Map<String, JsonNode> flat = new TreeMap<>();
    for (FieldRule rule : mapping.rules()) {
      if (applies(rule, record)) {
        apply(rule, record, info, flat);
      }
    }
    boolean content = flat.keySet().stream().anyMatch(k -> !NOT_CONTENT.contains(firstSegmentBelowRoot(k)));
    if (!content) {
      throw new Rejection(Rejection.NO_CONTENT, rootId, null, "the record has no value for any content element of template " + mapping.templateId());
    }
    ObjectNode out = NODES.objectNode();
    flat.forEach(out::set);
    return new MappedRecord(info, out, contentHash(info.pseudonym(), out));
  }

  /**
   * The record's composition: its text as read when the reader kept it (matched to a known text
   * shape, which makes it a COMPOSITION), else its tree; null when the field holds no COMPOSITION
   * (or its text is not JSON: the record then reads as a whole, and names the problem).
   */
  private CanonicalInput composition(SourceRecord record) {
    String field = mapping.input().composition();
    String text = record.rawJson(field);
    CanonicalInput input = text == null ? null : canonicalShapes == null ? CanonicalInput.ofText(text, null) : canonicalShapes.read(text);
    if (input != null && input.match() != null) {
      return input;
    }
    JsonNode composition = input != null && input.tree() != null ? input.tree() : record.field(field);
    if (!(composition instanceof ObjectNode c) || !"COMPOSITION".equals(c.path("_type").asText())) {
      return null;
    }
    return input != null ? input : CanonicalInput.ofTree(c);
  }

  private String firstSegmentBelowRoot(String key) {
    String rest = key.length() > rootId.length() + 1 ? key.substring(rootId.length() + 1) : "";
    int end = 0;
    while (end < rest.length() && rest.charAt(end) != '/' && rest.charAt(end) != '|' && rest.charAt(end) != ':') {
      end++;
    }
    return rest.substring(0, end);
  }

  private static boolean applies(FieldRule rule, SourceRecord record) {
    for (Condition c : rule.when()) {
      if (!c.test(record.value(c.source()))) {
        return false;
      }
    }
    return true;
  }

  private void apply(FieldRule rule, SourceRecord record, RecordInfo info, Map<String, JsonNode> flat) throws Rejection {
    if (rule.source() == null) {
      flat.put(rule.path(), rule.constant());
      return;
    }
    String text = MappingParser.RECORD_KEY.equals(rule.source()) ? info.recordKey() : record.value(rule.source());
    if (text == null || text.isBlank()) {
      if (rule.required()) {
        throw new Rejection(Rejection.MISSING_REQUIRED, rule.path(), rule.name(), "required field '" + rule.source() + "' is empty");
      }
      return;
    }
    if (rule.valuePattern() != null && !rule.valuePattern().matcher(text.trim()).matches()) {
      throw new Rejection(Rejection.BAD_VALUE, rule.path(), rule.name(),
          "'" + text + "' in field '" + rule.source() + "' does not match " + rule.valuePattern().pattern());
    }
    switch (rule.type()) {
      case TEXT -> flat.put(rule.path(), TextNode.valueOf(rule.codes() == null ? text : translate(rule, text).code()));
      case NUMBER -> flat.put(rule.path(), NODES.numberNode(round(rule, number(rule, text))));
      case INTEGER -> flat.put(rule.path(), NODES.numberNode(integer(rule, text)));
      case BOOLEAN -> flat.put(rule.path(), NODES.booleanNode(bool(rule, text)));
      case DATETIME -> flat.put(rule.path(), TextNode.valueOf(dateTime(rule, text)));
      case DATE -> flat.put(rule.path(), TextNode.valueOf(date(rule, text)));
      case CODE -> {
        CodeTable.Code code = translate(rule, text);
        flat.put(rule.path() + "|code", TextNode.valueOf(code.code()));
        flat.put(rule.path() + "|value", TextNode.valueOf(code.value()));
        flat.put(rule.path() + "|terminology", TextNode.valueOf(code.terminology()));
      }
      case QUANTITY -> {
        BigDecimal value = number(rule, text);
        String unit = rule.unitSource() == null ? null : record.value(rule.unitSource());
        Optional<BigDecimal> converted = rule.units().convert(value, unit);
        if (converted.isEmpty()) {
          throw new Rejection(Rejection.UNKNOWN_UNIT, rule.path(), rule.name(),
              "unit '" + unit + "' cannot be converted to " + rule.units().targetUnit() + " (known: " + rule.units().fromUnits().keySet() + ")");
        }
        flat.put(rule.path() + "|magnitude", NODES.numberNode(round(rule, converted.get())));
        flat.put(rule.path() + "|unit", TextNode.valueOf(rule.units().targetUnit()));
      }
      default -> throw new IllegalStateException("type " + rule.type());
    }
  }

  private static CodeTable.Code translate(FieldRule rule, String text) throws Rejection {
    return rule.codes().translate(text).orElseThrow(() -> new Rejection(Rejection.UNKNOWN_CODE, rule.path(), rule.name(),
        "code '" + text.trim() + "' in field '" + rule.source() + "' is not in the code table"));
  }

  private static BigDecimal number(FieldRule rule, String text) throws Rejection {
    try {
      return ValueParsers.number(text, rule.decimalComma());
    } catch (NumberFormatException e) {
      throw new Rejection(Rejection.BAD_NUMBER, rule.path(), rule.name(), "'" + text + "' in field '" + rule.source() + "' is not a number"
          + (rule.decimalComma() ? " (decimal comma expected)" : ""));
    }
  }

  private static long integer(FieldRule rule, String text) throws Rejection {
    try {
      return number(rule, text).longValueExact();
    } catch (ArithmeticException e) {
      throw new Rejection(Rejection.BAD_NUMBER, rule.path(), rule.name(), "'" + text + "' in field '" + rule.source() + "' is not a whole number");
    }
  }

  private static BigDecimal round(FieldRule rule, BigDecimal value) {
    return rule.precision() == null ? value : value.setScale(rule.precision(), RoundingMode.HALF_UP);
  }

  private static boolean bool(FieldRule rule, String text) throws Rejection {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "ja", "j", "y" -> true;
      case "false", "0", "no", "nej", "n" -> false;
      default -> throw new Rejection(Rejection.BAD_VALUE, rule.path(), rule.name(), "'" + text + "' in field '" + rule.source() + "' is not a boolean");
    };
  }

  private String dateTime(FieldRule rule, String text) throws Rejection {
    try {
      return ValueParsers.dateTime(text, rule.dateTimePattern(), mapping.timeZone());
    } catch (DateTimeException e) {
      throw new Rejection(Rejection.BAD_DATE, rule.path(), rule.name(), "'" + text + "' in field '" + rule.source() + "' is not a date-time"
          + (rule.dateTimePattern() == null ? " (ISO-8601 expected)" : " of the rule's pattern"));
    }
  }

  private static String date(FieldRule rule, String text) throws Rejection {
    try {
      return ValueParsers.date(text, rule.dateTimePattern());
    } catch (DateTimeException e) {
      throw new Rejection(Rejection.BAD_DATE, rule.path(), rule.name(), "'" + text + "' in field '" + rule.source() + "' is not a date");
    }
  }

  /** source system's record key: the key fields' values joined by '|', the subject field as its pseudonym; null if one is empty. */
  private String recordKey(SourceRecord record, String pseudonym) {
    StringBuilder key = new StringBuilder();
    for (String field : mapping.recordKey().fields()) {
      String v = field.equals(mapping.subject().source()) ? pseudonym : record.value(field);
      if (v == null || v.isBlank()) {
        return null;
      }
      if (key.length() > 0) {
        key.append('|');
      }
      key.append(v.trim());
    }
    return key.toString();
  }

  /** The source record with every occurrence of the identity replaced by the pseudonym. */
  static ObjectNode scrub(ObjectNode raw, String identity, String pseudonym) {
    if (identity == null || identity.isBlank()) {
      return raw;
    }
    scrubNode(raw, identity.trim(), pseudonym);
    return raw;
  }

  private static void scrubNode(JsonNode node, String identity, String pseudonym) {
    if (node instanceof ObjectNode o) {
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isTextual() && e.getValue().asText().contains(identity)) {
          e.setValue(TextNode.valueOf(e.getValue().asText().replace(identity, pseudonym)));
        } else {
          scrubNode(e.getValue(), identity, pseudonym);
        }
      }
    } else if (node != null && node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        JsonNode child = node.get(i);
        if (child.isTextual() && child.asText().contains(identity)) {
          ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, TextNode.valueOf(child.asText().replace(identity, pseudonym)));
        } else {
          scrubNode(child, identity, pseudonym);
        }
      }
    }
  }

  /** The content hash of a mapped record: SHA-256 over pseudonym, newline and the FLAT JSON (keys sorted) or the canonical composition as read. */
  public static String contentHash(String pseudonym, ObjectNode flat) {
    return contentHash(pseudonym, flat.toString());
  }

  private static String contentHash(String pseudonym, String json) {
    return contentHash(pseudonym, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
  }

  /** {@link #contentHash(String, String)} of the JSON text whose UTF-8 bytes are given (a matched text as read: no encoding again). */
  private static String contentHash(String pseudonym, ByteBuffer jsonUtf8) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(pseudonym.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      sha.update(jsonUtf8.duplicate());
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
