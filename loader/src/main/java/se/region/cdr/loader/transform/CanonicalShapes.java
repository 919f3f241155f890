package se.region.cdr.loader.transform;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nedap.archie.rm.composition.Composition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.ehrbase.openehr.sdk.webtemplate.model.WebTemplate;
import org.ehrbase.openehr.sdk.webtemplate.model.WebTemplateNode;

/**
 * Whole canonical compositions of one template, per shape: the same idea as {@link FlatShapes}
 * without a FLAT reader. A composition's shape is its JSON tree with the data values at the
 * places a record's values may sit (an ELEMENT's value, an event's time or width, a history's
 * origin, the context's start and end time) reduced to their own structure (keys and nesting, the
 * RM type, and a coded value's terminology); every other key and scalar is part of the shape.
 *
 * <p>The first composition of a shape goes the full way (RM binding, the REST API's validation);
 * when it is valid and its canonical JSON as the SDK writes it equals the input exactly, the shape
 * is marked checked, with the web-template nodes the validation walk pairs with each of its data
 * values. Later compositions of the shape differ from it only in those data values, so only they
 * are checked ({@link FlatShape#leavesPass}: read back as their RM class they must write exactly
 * the same JSON and pass the SDK's web-template validator for their type and Archie's RM
 * validator); a composition whose values do not pass goes the full way, which decides and names
 * the path. Compositions with a uid, data values holding nested data values (a normal range, term
 * mappings), and inputs that are not exactly canonical always go the full way. Thread-safe; one per
 * load and template.
 */
public final class CanonicalShapes {
  /** Shapes learned at most; compositions of further shapes go the full way. */
  private static final int MAX_SHAPES = 10_000;
  /** Text shapes tried on a composition's text at most (each try reads the text until it differs). */
  private static final int MAX_TEXT_SHAPES = 8;
  /** (RM type of the owner, attribute) of the data values whose contents vary between compositions of a shape. */
  private static final Set<String> EVENT_TYPES = Set.of("POINT_EVENT", "INTERVAL_EVENT", "EVENT");
  /** Containers a varying data value may hold: a coded value's code (with its terminology), a text's language and encoding. */
  private static final Set<String> NESTED_IN_LEAF = Set.of("defining_code", "terminology_id", "language", "encoding");

  private final WebTemplate webTemplate;
  private final Map<String, Shape> shapes = new ConcurrentHashMap<>();
  /** Text shapes of checked shapes, tried in turn on each composition's text; at most {@link #MAX_TEXT_SHAPES}. */
  private final List<TextShape> textShapes = new CopyOnWriteArrayList<>();
  private final AtomicLong byText = new AtomicLong();
  private final AtomicLong fast = new AtomicLong();
  private final AtomicLong full = new AtomicLong();

  /** A shape: the leaves (data values that vary), and once checked the leaf checks and the archetype ids of its nodes. */
  public static final class Shape {
    private final List<JsonPointer> leafPointers;
    private final String unusable;
    private volatile List<JsonPointer> typesDropped;
    private volatile FlatShape checks;
    private volatile int[] archetypeIds;

    private Shape(List<JsonPointer> leafPointers, String unusable) {
      this.leafPointers = List.copyOf(leafPointers);
      this.unusable = unusable;
    }

    /** Whether compositions of this shape have their values checked alone (the structure passed the full validation). */
    public boolean checked() {
      return archetypeIds != null;
    }

    public int[] archetypeIds() {
      return archetypeIds;
    }

    /**
     * Brings a composition of this shape to the SDK's canonical JSON (type names it leaves out are
     * removed, in place) and runs the full validator's checks that can see its varying data values.
     */
    public boolean normaliseAndCheck(ObjectNode composition) {
      dropTypes(composition, typesDropped);
      return checks.leavesPass(composition);
    }
  }

  public CanonicalShapes(WebTemplate webTemplate) {
    this.webTemplate = requireNonNull(webTemplate, "webTemplate is null");
  }

  /** The shape of a composition, or null when it has none (it carries a uid, or too many shapes were seen). */
  public Shape shape(ObjectNode composition) {
    if (composition.has("uid")) {
      return null;
    }
    StringBuilder key = new StringBuilder(4096);
    String[] unusable = {null};
    walk(composition, null, null, key, null, unusable);
    String k = key.toString();
    Shape known = shapes.get(k);
    if (known != null || shapes.size() >= MAX_SHAPES) {
      return known;
    }
    // a new shape: walk again, now noting where its data values are (pointers cost too much on every composition)
    List<JsonPointer> leaves = new ArrayList<>();
    walk(composition, null, JsonPointer.empty(), new StringBuilder(), leaves, unusable);
    return shapes.computeIfAbsent(k, x -> new Shape(leaves, unusable[0]));
  }

  /** A composition's JSON text as read, matched to the first text shape it is in. */
  public CanonicalInput read(String text) {
    for (TextShape shape : textShapes) {
      TextShape.Match match = shape.match(text);
      if (match != null) {
        return CanonicalInput.ofText(text, match);
      }
    }
    return CanonicalInput.ofText(text, null);
  }

  /**
   * Learns a shape from its first valid composition: {@code canonical} is the tree the SDK writes
   * for the RM object bound from {@code input}; only when the two are equal is the shape used.
   * The shape's text is learned too ({@link TextShape}).
   */
  public void learn(Shape shape, ObjectNode input, Composition composition, ObjectNode canonical, int[] archetypeIds) {
    if (shape.unusable != null || shape.checked()) {
      return;
    }
    List<JsonPointer> typesDropped = new ArrayList<>();
    extraTypes(input, canonical, JsonPointer.empty(), typesDropped);
    ObjectNode normalised = input.deepCopy();
    dropTypes(normalised, typesDropped);
    if (!FlatShape.sameJson(canonical, normalised)) {
      return; // not canonical JSON as the SDK writes it, beyond type names: full way for this shape
    }
    Map<Object, List<WebTemplateNode>> visited = FlatShapes.visitedNodes(composition, webTemplate);
    Map<String, FlatShape.Leaf> leaves = new LinkedHashMap<>();
    for (JsonPointer at : shape.leafPointers) {
      if (FlatShapes.leafFor(composition, canonical, at, visited, leaves) != null) {
        return; // not a place whose value the RM invariants above ignore: full way for this shape
      }
    }
    shape.typesDropped = List.copyOf(typesDropped);
    shape.checks = FlatShape.of(null, List.of(), new ArrayList<>(leaves.values()));
    shape.archetypeIds = archetypeIds.clone();
    TextShape text = TextShape.of(input, shape.leafPointers, shape.typesDropped, shape.checks.leaves(), archetypeIds);
    if (text != null && textShapes.size() < MAX_TEXT_SHAPES) {
      textShapes.add(text);
    }
  }

  /**
   * Where the input names a {@code _type} that the SDK's canonical JSON leaves out (it writes the
   * type only where the attribute's declared type is not the object's, e.g. not for ARCHETYPED or
   * HISTORY): both are canonical JSON, and the stored form is the SDK's.
   */
  private static void extraTypes(JsonNode input, JsonNode canonical, JsonPointer at, List<JsonPointer> out) {
    if (input.isObject() && canonical.isObject()) {
      if (input.has("_type") && !canonical.has("_type")) {
        out.add(at);
      }
      input.fields().forEachRemaining(e -> {
        JsonNode c = canonical.get(e.getKey());
        if (c != null) {
          extraTypes(e.getValue(), c, at.appendProperty(e.getKey()), out);
        }
      });
    } else if (input.isArray() && canonical.isArray() && input.size() == canonical.size()) {
      for (int i = 0; i < input.size(); i++) {
        extraTypes(input.get(i), canonical.get(i), at.appendIndex(i), out);
      }
    }
  }

  static void dropTypes(ObjectNode tree, List<JsonPointer> at) {
    for (JsonPointer p : at) {
      if (tree.at(p) instanceof ObjectNode o) {
        o.remove("_type");
      }
    }
  }

  /** A composition prepared from its text alone ({@link TextShape}). */
  public void countByText() {
    byText.incrementAndGet();
  }

  public void countFast() {
    fast.incrementAndGet();
  }

  public void countFull() {
    full.incrementAndGet();
  }

  /** "fast/full/shapes", for the load log. */
  public String stats() {
    long checked = shapes.values().stream().filter(Shape::checked).count();
    return byText.get() + " checked by their values alone from their text, " + fast.get() + " on their tree, " + full.get()
        + " fully validated, " + shapes.size() + " shape(s), " + checked + " checked, " + textShapes.size() + " text shape(s)";
  }

  /**
   * Appends the shape key of {@code node}; {@code owner} is the RM type of the object holding it.
   * With {@code at} (the node's pointer), the pointers of the varying data values go to {@code leaves}.
   */
  private static void walk(JsonNode node, String owner, JsonPointer at, StringBuilder key, List<JsonPointer> leaves, String[] unusable) {
    if (node.isObject()) {
      String type = node.path("_type").asText("");
      key.append('{');
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        key.append(e.getKey()).append(':');
        JsonPointer child = at == null ? null : at.appendProperty(e.getKey());
        if (e.getValue().isObject() && isLeafPlace(type, e.getKey())) {
          if (leaves != null) {
            leaves.add(child);
          }
          leafKey(e.getValue(), key, unusable, child);
        } else {
          walk(e.getValue(), type, child, key, leaves, unusable);
        }
        key.append(',');
      }
      key.append('}');
    } else if (node.isArray()) {
      key.append('[');
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), owner, at == null ? null : at.appendIndex(i), key, leaves, unusable);
        key.append(',');
      }
      key.append(']');
    } else {
      key.append(node.getNodeType().ordinal()).append(node.asText());
    }
  }

  private static boolean isLeafPlace(String ownerType, String attribute) {
    return switch (attribute) {
      case "value" -> ownerType.equals("ELEMENT");
      case "time" -> EVENT_TYPES.contains(ownerType);
      case "width" -> ownerType.equals("INTERVAL_EVENT");
      case "origin" -> ownerType.equals("HISTORY");
      case "start_time", "end_time" -> ownerType.equals("EVENT_CONTEXT");
      default -> false;
    };
  }

  /** A varying data value's part of the key: its keys and nesting, its type, the terminology of its code; not its values. */
  private static void leafKey(JsonNode value, StringBuilder key, String[] unusable, JsonPointer at) {
    key.append("<leaf ");
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      key.append(e.getKey());
      JsonNode v = e.getValue();
      if (e.getKey().equals("_type")) {
        key.append('=').append(v.asText());
      } else if (e.getKey().equals("terminology_id")) {
        key.append('=').append(v.path("value").asText()); // the code system is checked against the template once per shape
      } else if (v.isContainerNode()) {
        if (!NESTED_IN_LEAF.contains(e.getKey())) {
          unusable[0] = "a data value holds " + e.getKey();
        }
        leafKey(v, key, unusable, at);
      } else {
        key.append(':').append(v.getNodeType().ordinal());
      }
      key.append(',');
    }
    key.append('>');
  }
}
