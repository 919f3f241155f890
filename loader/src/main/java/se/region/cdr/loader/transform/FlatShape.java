package se.region.cdr.loader.transform;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nedap.archie.rm.RMObject;
import com.nedap.archie.rmobjectvalidator.RMObjectValidator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ehrbase.openehr.sdk.serialisation.jsonencoding.CanonicalJson;
import org.ehrbase.openehr.sdk.validation.CompositionValidator;
import org.ehrbase.openehr.sdk.validation.webtemplate.ConstraintValidator;
import org.ehrbase.openehr.sdk.validation.webtemplate.DefaultValidator;
import org.ehrbase.openehr.sdk.webtemplate.model.WebTemplateNode;

/**
 * One record shape of a template (a set of FLAT keys with the kinds of their values): the
 * canonical composition tree the SDK's FLAT reader makes of it, with the places where each varying
 * key's value lands, and the data values that hold them (learned by {@link FlatShapes}).
 *
 * <p>{@link #patch} copies the tree and writes a record's values in; {@link #leavesPass} runs, on
 * just the data values that hold record values, the checks the full validator would run on them
 * (the SDK's per-type web-template validator and Archie's RM object validator). Everything else in
 * the tree is the same for every record of the shape, and was validated once in full on the first
 * record of the shape ({@link #structureChecked}).
 */
public final class FlatShape {
  /** How a value is written into the canonical tree. */
  enum Written { TEXT, DOUBLE, LONG, INT }

  /** Where one varying FLAT key's value lands: the parent container and the field or index in it. */
  record Place(String key, JsonPointer parent, String field, int index, Written written) {}

  /**
   * A data value that holds record values: its place, RM class and the web-template nodes the SDK
   * validates it against, and the JSON of values already shown valid there (the checks are pure
   * functions of value and node, and values repeat: units, codes, common magnitudes).
   */
  record Leaf(JsonPointer at, Class<? extends RMObject> type, List<WebTemplateNode> nodes, Set<JsonNode> passed, Set<String> passedTexts) {
    Leaf(JsonPointer at, Class<? extends RMObject> type, List<WebTemplateNode> nodes) {
      this(at, type, nodes, ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet());
    }
  }

  /** Values remembered per leaf, at most. */
  private static final int REMEMBERED = 20_000;

  private static final Map<Class<? extends RMObject>, ConstraintValidator> VALIDATORS = FlatShapes.sdkValidators();
  private static final DefaultValidator DEFAULT_VALIDATOR = new DefaultValidator();
  /** Reads a data value's JSON text as the JSON Lines reader reads a record (doubles as doubles). */
  private static final ObjectMapper TEXT = new ObjectMapper();
  private static final ThreadLocal<RMObjectValidator> ARCHIE = ThreadLocal.withInitial(() -> new CompositionValidator().getRmObjectValidator());

  private final String unusable;
  private final ObjectNode skeleton;
  private final List<Place> places;
  private final List<Leaf> leaves;
  private volatile int[] archetypeIds;

  private FlatShape(String unusable, ObjectNode skeleton, List<Place> places, List<Leaf> leaves) {
    this.unusable = unusable;
    this.skeleton = skeleton;
    this.places = places;
    this.leaves = leaves;
  }

  static FlatShape unusable(String why) {
    return new FlatShape(why, null, List.of(), List.of());
  }

  static FlatShape of(ObjectNode skeleton, List<Place> places, List<Leaf> leaves) {
    return new FlatShape(null, skeleton, List.copyOf(places), List.copyOf(leaves));
  }

  /** Whether records of this shape can be patched (null), else why not: they go through the SDK reader. */
  public String unusable() {
    return unusable;
  }

  /** Whether a record of this shape passed the full validator and its patched tree equalled the SDK reader's. */
  public boolean structureChecked() {
    return archetypeIds != null;
  }

  /** The archetype ids (database ids) of the shape's content nodes, known once the structure is checked. */
  public int[] archetypeIds() {
    return archetypeIds;
  }

  public void markStructureChecked(int[] ids) {
    this.archetypeIds = ids.clone();
  }

  /** The record's canonical tree, or null when one of its values cannot be written the way the shape's were (then: SDK reader). */
  public ObjectNode patch(ObjectNode flat) {
    ObjectNode tree = skeleton.deepCopy();
    for (Place p : places) {
      JsonNode value = flat.get(p.key());
      JsonNode written = write(value, p.written());
      if (written == null) {
        return null;
      }
      JsonNode parent = tree.at(p.parent());
      if (parent instanceof ObjectNode o) {
        o.set(p.field(), written);
      } else if (parent instanceof ArrayNode a) {
        a.set(p.index(), written);
      } else {
        return null;
      }
    }
    return tree;
  }

  private static JsonNode write(JsonNode value, Written how) {
    if (value == null) {
      return null;
    }
    return switch (how) {
      case TEXT -> value.isTextual() ? value : null;
      case DOUBLE -> value.isNumber() ? DoubleNode.valueOf(value.doubleValue()) : null;
      case LONG -> value.isIntegralNumber() && value.canConvertToLong() ? LongNode.valueOf(value.longValue()) : null;
      case INT -> value.isIntegralNumber() && value.canConvertToInt() ? IntNode.valueOf(value.intValue()) : null;
    };
  }

  /**
   * The checks of the full validator that can see a record's values: for each data value holding
   * one, read back as its RM class, its canonical form must be exactly the patched JSON (else the
   * SDK reader would have written something else), the SDK's web-template validator for its type
   * and Archie's RM object validator must find nothing. False means "not shown valid here": the
   * record then goes through the SDK reader and the full validator, which decide and name the path.
   */
  public boolean leavesPass(ObjectNode tree) {
    // one value often sits in several leaves (the measurement time is context start, event time and history origin)
    Map<JsonNode, RMObject> read = new HashMap<>();
    for (Leaf leaf : leaves) {
      JsonNode json = tree.at(leaf.at());
      if (!leaf.passed().contains(json)) {
        if (!passes(leaf, json, read)) {
          return false;
        }
        remember(leaf.passed(), json.deepCopy());
      }
    }
    return true;
  }

  /**
   * {@link #leavesPass}'s checks on one data value given as its JSON text; values shown valid are
   * remembered by their text. {@code read}: the RM objects already read for this composition.
   */
  static boolean leafPasses(Leaf leaf, String json, Map<JsonNode, RMObject> read) {
    if (leaf.passedTexts().contains(json)) {
      return true;
    }
    JsonNode tree;
    try {
      tree = TEXT.readTree(json);
    } catch (JsonProcessingException e) {
      return false;
    }
    if (!passes(leaf, tree, read)) {
      return false;
    }
    remember(leaf.passedTexts(), json);
    return true;
  }

  private static boolean passes(Leaf leaf, JsonNode json, Map<JsonNode, RMObject> read) {
    RMObject value = read.get(json);
    if (value == null || value.getClass() != leaf.type()) {
      try {
        value = CanonicalJson.MARSHAL_OM.treeToValue(json, leaf.type());
      } catch (Exception e) {
        return false;
      }
      if (value == null || value.getClass() != leaf.type() || !sameJson(json, CanonicalJson.MARSHAL_OM.valueToTree(value))
          || !ARCHIE.get().validate(value).isEmpty()) {
        return false;
      }
      read.put(json, value);
    }
    ConstraintValidator validator = VALIDATORS.getOrDefault(value.getClass(), DEFAULT_VALIDATOR);
    for (WebTemplateNode node : leaf.nodes()) {
      @SuppressWarnings("unchecked")
      List<?> violations = validator.validate(value, node);
      if (!violations.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private static <T> void remember(Set<T> passed, T value) {
    if (passed.size() < REMEMBERED) {
      passed.add(value);
    }
  }

  /**
   * Equal JSON text: like {@link JsonNode#equals}, except that a whole number equals the same whole
   * number held in another node class (a parsed 0 is an IntNode, the SDK writes a long as LongNode).
   */
  static boolean sameJson(JsonNode a, JsonNode b) {
    return a.equals(SAME_TEXT, b);
  }

  private static final java.util.Comparator<JsonNode> SAME_TEXT = (x, y) -> {
    if (x.isNumber() && y.isNumber()) {
      if (x.isIntegralNumber() && y.isIntegralNumber()) {
        return x.bigIntegerValue().equals(y.bigIntegerValue()) ? 0 : 1;
      }
      return x.isFloatingPointNumber() && y.isFloatingPointNumber() && x.asText().equals(y.asText()) ? 0 : 1;
    }
    return x.equals(y) ? 0 : 1;
  };

  /** For tests: where the values land. */
  List<Place> places() {
    return places;
  }

  List<Leaf> leaves() {
    return leaves;
  }
}
