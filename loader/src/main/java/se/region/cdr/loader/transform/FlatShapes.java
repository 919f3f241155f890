package se.region.cdr.loader.transform;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import se.region.cdr.core.rm.RmCodec;
import com.fasterxml.jackson.databind.node.NullNode;
import com.nedap.archie.rm.RMObject;
import com.nedap.archie.rm.composition.Composition;
import com.nedap.archie.rm.datavalues.DataValue;
import com.nedap.archie.rminfo.ArchieRMInfoLookup;
import com.nedap.archie.rminfo.RMAttributeInfo;
import com.nedap.archie.rminfo.RMTypeInfo;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.ehrbase.openehr.sdk.serialisation.RMDataFormat;
import org.ehrbase.openehr.sdk.serialisation.walker.Context;
import org.ehrbase.openehr.sdk.util.reflection.ReflectionHelper;
import org.ehrbase.openehr.sdk.validation.ConstraintViolation;
import org.ehrbase.openehr.sdk.validation.webtemplate.ConstraintValidator;
import org.ehrbase.openehr.sdk.validation.webtemplate.ValidationWalker;
import org.ehrbase.openehr.sdk.webtemplate.model.WebTemplate;
import org.ehrbase.openehr.sdk.webtemplate.model.WebTemplateNode;

/**
 * FLAT to canonical JSON per record shape, for one template. Records of one mapping mostly share
 * their set of FLAT keys; for each distinct set (with the kinds of the values: text, date-time,
 * whole or decimal number, and the values of the mapping's constants) the SDK's FLAT reader is run
 * twice with distinct sentinel values, which shows where each key's value lands in the canonical
 * tree and how it is written. A shape is used only when both runs agree exactly (same places, same
 * tree apart from them), every value is found verbatim, and every value lands in a data value that
 * is an ELEMENT's value or an event time, context start or end time or history origin (places whose
 * RM invariants above the data value do not read it). Anything else, and any exception of the SDK
 * on sentinels, makes the shape unusable: its records go through the SDK reader as before.
 * Thread-safe; one per load and template.
 */
public final class FlatShapes {
  private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final String MARK = "Qz";
  /** (owner RM type, attribute) where a record value may sit: the RM invariants above these do not read the value. */
  private static final Set<String> VALUE_PLACES = Set.of("ELEMENT.value", "POINT_EVENT.time", "INTERVAL_EVENT.time", "INTERVAL_EVENT.width",
      "EVENT.time", "HISTORY.origin", "EVENT_CONTEXT.start_time", "EVENT_CONTEXT.end_time");

  private final ThreadLocal<RMDataFormat> reader;
  private final WebTemplate webTemplate;
  private final Set<String> constantKeys;
  private final Map<String, FlatShape> shapes = new ConcurrentHashMap<>();
  private final AtomicLong patched = new AtomicLong();
  private final AtomicLong viaSdk = new AtomicLong();

  /**
   * @param reader the SDK's FLAT reader for the template (one per thread)
   * @param constantKeys FLAT keys whose value is the same in every record (the mapping's constants): kept in the skeleton
   */
  public FlatShapes(ThreadLocal<RMDataFormat> reader, WebTemplate webTemplate, Set<String> constantKeys) {
    this.reader = requireNonNull(reader, "reader is null");
    this.webTemplate = requireNonNull(webTemplate, "webTemplate is null");
    this.constantKeys = Set.copyOf(constantKeys);
  }

  /** The SDK's FLAT reader on one record. */
  public Composition read(ObjectNode flat) {
    return reader.get().unmarshal(flat.toString(), Composition.class);
  }

  /** The canonical JSON tree of a composition, as {@code RmCodec.toTree} writes it. */
  public static ObjectNode toTree(Composition composition) {
    return RmCodec.canonicalTree(composition);
  }

  /** The shape of a record, learned on first sight. */
  public FlatShape shape(ObjectNode flat) {
    return shapes.computeIfAbsent(shapeKey(flat), k -> learn(flat));
  }

  public void countPatched() {
    patched.incrementAndGet();
  }

  public void countViaSdk() {
    viaSdk.incrementAndGet();
  }

  /** "patched/SDK reader/shapes (unusable)", for the load log. */
  public String stats() {
    long unusable = shapes.values().stream().filter(s -> s.unusable() != null).count();
    return patched.get() + " patched, " + viaSdk.get() + " via the SDK reader, " + shapes.size() + " shape(s)"
        + (unusable > 0 ? " (" + unusable + " not patchable)" : "");
  }

  /** Value kinds; an empty text is OTHER (the SDK reader fills some empty values from the template, e.g. a single allowed unit). */
  private enum Kind { TEXT, DATE_TIME, DATE, WHOLE, DECIMAL, OTHER }

  private static Kind kind(JsonNode v) {
    if (v.isTextual()) {
      String s = v.textValue();
      if (s.isBlank()) {
        return Kind.OTHER;
      }
      return DATE_TIME.matcher(s).matches() ? Kind.DATE_TIME : DATE.matcher(s).matches() ? Kind.DATE : Kind.TEXT;
    }
    if (v.isIntegralNumber()) {
      return Kind.WHOLE;
    }
    if (v.isNumber()) {
      return v.decimalValue().stripTrailingZeros().scale() <= 0 ? Kind.WHOLE : Kind.DECIMAL;
    }
    return Kind.OTHER;
  }

  private String shapeKey(ObjectNode flat) {
    StringBuilder key = new StringBuilder();
    for (Iterator<Map.Entry<String, JsonNode>> it = flat.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      key.append(e.getKey());
      if (constantKeys.contains(e.getKey())) {
        key.append('=').append(e.getValue());
      } else {
        key.append(':').append(kind(e.getValue()).ordinal());
      }
      key.append('\n');
    }
    return key.toString();
  }

  /** Sentinel value number {@code i} of run {@code run} (1 or 2), of the kind of {@code like}; null when the kind has none. */
  private static JsonNode sentinel(JsonNode like, int i, int run) {
    var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    return switch (kind(like)) {
      case TEXT -> f.textNode(MARK + run + "x" + i + MARK);
      case DATE_TIME -> {
        String s = like.textValue();
        String zone = s.substring(19);
        // distinct per key and run, no zero fields (so that a formatter dropping zeros shows here)
        int year = run == 1 ? 1901 + i : 1999 - i;
        yield f.textNode(String.format("%04d-%02d-%02dT%02d:%02d:%02d%s", year, 1 + i % 12, 1 + i % 28, 1 + i % 23, 1 + i % 59, 59 - i % 58, zone));
      }
      case DATE -> f.textNode(String.format("%04d-%02d-%02d", run == 1 ? 1901 + i : 1999 - i, 1 + i % 12, 1 + i % 28));
      case WHOLE -> f.numberNode((run == 1 ? 900_000L + 1000L * i : 9_000_000L - 1000L * i) + 7);
      case DECIMAL -> f.numberNode((run == 1 ? 900_000.0 + 1000.0 * i : 9_000_000.0 - 1000.0 * i) + 7.25);
      case OTHER -> null;
    };
  }

  private FlatShape learn(ObjectNode flat) {
    try {
      return learnOrThrow(flat);
    } catch (RuntimeException e) {
      return FlatShape.unusable("the SDK reader refused sentinel values: " + e);
    }
  }

  /** One sentinel run: the SDK's composition and tree, and for each place (JSON pointer) the key whose sentinel is there and how. */
  private record Run(Composition composition, ObjectNode tree, Map<String, String> keyAt, Map<String, FlatShape.Written> written) {}

  private FlatShape learnOrThrow(ObjectNode flat) {
    List<String> varying = new ArrayList<>();
    flat.fieldNames().forEachRemaining(k -> {
      if (!constantKeys.contains(k)) {
        varying.add(k);
      }
    });
    Run[] runs = new Run[2];
    for (int run = 1; run <= 2; run++) {
      ObjectNode input = flat.deepCopy();
      Map<String, String> sentinelToKey = new LinkedHashMap<>();
      for (int i = 0; i < varying.size(); i++) {
        JsonNode s = sentinel(flat.get(varying.get(i)), i, run);
        if (s == null) {
          return FlatShape.unusable("key " + varying.get(i) + " has a value of a kind without sentinels");
        }
        input.set(varying.get(i), s);
        sentinelToKey.put(s.isTextual() ? s.textValue() : Double.toString(s.doubleValue()), varying.get(i));
      }
      Composition composition = read(input);
      ObjectNode tree = toTree(composition);
      Map<String, String> keyAt = new LinkedHashMap<>();
      Map<String, FlatShape.Written> written = new LinkedHashMap<>();
      String problem = locate(tree, JsonPointer.empty(), sentinelToKey, keyAt, written);
      if (problem != null) {
        return FlatShape.unusable(problem);
      }
      runs[run - 1] = new Run(composition, tree, keyAt, written);
    }
    // both runs must put the same keys at the same places, written the same way, in otherwise equal trees
    Map<String, String> placeKeys1 = new LinkedHashMap<>();
    runs[0].keyAt().forEach((ptr, key) -> placeKeys1.put(ptr, key + "|" + runs[0].written().get(ptr)));
    Map<String, String> placeKeys2 = new LinkedHashMap<>();
    runs[1].keyAt().forEach((ptr, key) -> placeKeys2.put(ptr, key + "|" + runs[1].written().get(ptr)));
    if (!placeKeys1.equals(placeKeys2)) {
      return FlatShape.unusable("the two sentinel runs put values at different places");
    }
    for (String key : varying) {
      if (!placeKeys1.values().stream().anyMatch(v -> v.startsWith(key + "|"))) {
        return FlatShape.unusable("the value of " + key + " is not found verbatim in the canonical tree");
      }
    }
    ObjectNode masked1 = mask(runs[0].tree(), placeKeys1.keySet());
    ObjectNode masked2 = mask(runs[1].tree(), placeKeys1.keySet());
    if (!masked1.equals(masked2)) {
      return FlatShape.unusable("the canonical tree depends on the values beyond their places");
    }
    if (masked1.has("uid")) {
      return FlatShape.unusable("the shape sets the composition uid");
    }
    List<FlatShape.Place> places = new ArrayList<>();
    runs[0].keyAt().forEach((at, key) -> {
      JsonPointer ptr = JsonPointer.compile(at);
      JsonPointer last = ptr.last();
      places.add(new FlatShape.Place(key, ptr.head(), last.getMatchingProperty(), last.getMatchingIndex(), runs[0].written().get(at)));
    });
    Map<Object, List<WebTemplateNode>> visited = visitedNodes(runs[0].composition());
    Map<String, FlatShape.Leaf> leaves = new LinkedHashMap<>();
    for (String at : runs[0].keyAt().keySet()) {
      String problem = leafFor(runs[0].composition(), runs[0].tree(), JsonPointer.compile(at), visited, leaves);
      if (problem != null) {
        return FlatShape.unusable(problem);
      }
    }
    return FlatShape.of(masked1, places, new ArrayList<>(leaves.values()));
  }

  /** Finds every sentinel in the tree; a text holding a sentinel other than verbatim is a problem. */
  private static String locate(JsonNode node, JsonPointer at, Map<String, String> sentinelToKey, Map<String, String> keyAt,
      Map<String, FlatShape.Written> written) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String p = locate(e.getValue(), at.appendProperty(e.getKey()), sentinelToKey, keyAt, written);
        if (p != null) {
          return p;
        }
      }
      return null;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String p = locate(node.get(i), at.appendIndex(i), sentinelToKey, keyAt, written);
        if (p != null) {
          return p;
        }
      }
      return null;
    }
    String probe = null;
    FlatShape.Written how = null;
    if (node.isTextual()) {
      probe = node.textValue();
      how = FlatShape.Written.TEXT;
      if (!sentinelToKey.containsKey(probe)) {
        for (String s : sentinelToKey.keySet()) {
          if (probe.contains(s) || (s.startsWith(MARK) && probe.contains(MARK))) {
            return "a value is written into " + at + " other than verbatim";
          }
        }
        return null;
      }
    } else if (node.isNumber()) {
      probe = Double.toString(node.doubleValue());
      how = node.isDouble() ? FlatShape.Written.DOUBLE : node.isLong() ? FlatShape.Written.LONG : node.isInt() ? FlatShape.Written.INT : null;
      if (!sentinelToKey.containsKey(probe)) {
        return null;
      }
      if (how == null) {
        return "a number is written into " + at + " as " + node.getNodeType();
      }
    }
    if (probe == null || !sentinelToKey.containsKey(probe)) {
      return null;
    }
    // one value may land at several places (an event time is also its history's origin); the second run shows whether that holds for any values
    keyAt.put(at.toString(), sentinelToKey.get(probe));
    written.put(at.toString(), how);
    return null;
  }

  private static ObjectNode mask(ObjectNode tree, Set<String> pointers) {
    ObjectNode copy = tree.deepCopy();
    for (String p : pointers) {
      JsonPointer ptr = JsonPointer.compile(p);
      JsonNode parent = copy.at(ptr.head());
      JsonPointer last = ptr.last();
      if (parent instanceof ObjectNode o && o.has(last.getMatchingProperty())) {
        o.set(last.getMatchingProperty(), NullNode.instance);
      } else if (parent instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
        a.set(last.getMatchingIndex(), NullNode.instance);
      }
    }
    return copy;
  }

  /**
   * The data value holding the value at {@code ptr}: the innermost RM object on the way that is a
   * DataValue; it must be the value of one of {@link #VALUE_PLACES}, and no object above it may
   * have a web-template validator of its own (those see the value too).
   */
  static String leafFor(Composition composition, ObjectNode tree, JsonPointer ptr, Map<Object, List<WebTemplateNode>> visited,
      Map<String, FlatShape.Leaf> leaves) {
    Map<Class<? extends RMObject>, ConstraintValidator> validators = VALIDATORS;
    Object current = composition;
    JsonNode json = tree;
    String ownerType = null;
    String attribute = null;
    JsonPointer at = JsonPointer.empty();
    JsonPointer rest = ptr;
    Object leafObject = null;
    JsonPointer leafAt = null;
    String leafPlace = null;
    while (!rest.matches()) {
      if (current instanceof RMObject && !(current instanceof DataValue) && current != composition
          && validators.containsKey(current.getClass()) && leafObject == null) {
        return "a value lies inside a " + current.getClass().getSimpleName() + ", which has its own web-template validator";
      }
      if (json.isObject()) {
        String name = rest.getMatchingProperty();
        RMTypeInfo type = ArchieRMInfoLookup.getInstance().getTypeInfo(current.getClass());
        RMAttributeInfo attr = type == null ? null : type.getAttribute(name);
        if (attr == null || attr.getGetMethod() == null) {
          return "no RM attribute " + name + " on " + current.getClass().getSimpleName() + " at " + at;
        }
        ownerType = type.getRmName();
        attribute = name;
        try {
          current = attr.getGetMethod().invoke(current);
        } catch (ReflectiveOperationException e) {
          return "cannot read " + name + " at " + at;
        }
        json = json.get(name);
        at = at.appendProperty(name);
      } else if (json.isArray()) {
        int i = rest.getMatchingIndex();
        current = ((List<?>) current).get(i);
        json = json.get(i);
        at = at.appendIndex(i);
      } else {
        return "cannot follow " + ptr;
      }
      rest = rest.tail();
      if (current instanceof DataValue && leafObject == null) {
        leafObject = current;
        leafAt = at;
        leafPlace = ownerType + "." + attribute;
      } else if (current instanceof RMObject inner && leafObject != null && visited.containsKey(inner)) {
        // a data value inside the leaf with web-template constraints of its own (e.g. an interval's limits)
        leaves.putIfAbsent(at.toString(), new FlatShape.Leaf(at, inner.getClass(), visited.get(inner)));
      }
    }
    if (leafObject == null) {
      return "the value at " + ptr + " is not inside a data value";
    }
    if (!VALUE_PLACES.contains(leafPlace)) {
      return "the value at " + ptr + " is inside " + leafPlace + ", not an element value or event time";
    }
    @SuppressWarnings("unchecked")
    Class<? extends RMObject> cls = (Class<? extends RMObject>) leafObject.getClass();
    List<WebTemplateNode> nodes = visited.getOrDefault(leafObject, List.of());
    leaves.putIfAbsent(leafAt.toString(), new FlatShape.Leaf(leafAt, cls, nodes));
    return null;
  }

  private static final Map<Class<? extends RMObject>, ConstraintValidator> VALIDATORS = sdkValidators();

  /** The SDK walker's validators by RM class (as {@code ValidationWalker} builds them, without an external terminology). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Map<Class<? extends RMObject>, ConstraintValidator> sdkValidators() {
    return (Map) ReflectionHelper.buildMap(ConstraintValidator.class);
  }

  /** Which web-template nodes the SDK's validation walk pairs with each RM object of the composition. */
  private Map<Object, List<WebTemplateNode>> visitedNodes(Composition composition) {
    return visitedNodes(composition, webTemplate);
  }

  static Map<Object, List<WebTemplateNode>> visitedNodes(Composition composition, WebTemplate webTemplate) {
    Map<Object, List<WebTemplateNode>> out = new IdentityHashMap<>();
    ValidationWalker walker = new ValidationWalker(null, false) {
      @Override
      protected void preHandle(Context<List<ConstraintViolation>> context) {
        out.computeIfAbsent(context.getRmObjectDeque().element(), o -> new ArrayList<>()).add(context.getNodeDeque().element());
        super.preHandle(context);
      }
    };
    walker.walk(composition, new ArrayList<>(), webTemplate.getTree(), webTemplate.getTemplateId());
    return out;
  }
}
