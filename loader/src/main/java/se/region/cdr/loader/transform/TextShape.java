package se.region.cdr.loader.transform;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nedap.archie.rm.RMObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import se.region.cdr.core.store.CompositionStore.Content;
import se.region.cdr.core.store.ContentNode;
import se.region.cdr.core.store.ContentNodes;
import se.region.cdr.core.store.StoredContent;

/**
 * The JSON text of one checked canonical shape ({@link CanonicalShapes}), for compositions that
 * arrive as Jackson writes them (compact; the benchmark corpus, most exports): the text of the
 * shape's first composition cut at its <em>slots</em> (the scalars inside its varying data values
 * but their {@code _type} and terminology id), and its stored compact nodes cut the same way.
 *
 * <p>A composition whose text is the shape's pieces with a canonical JSON scalar of the slot's kind
 * in each slot ({@link #match}: a string without escapes, a number as Jackson writes it) has the
 * shape's tree apart from those scalars, and its text is the one Jackson writes for its tree, so
 * the content hash over the text is the hash over the tree. Its data values go through the leaf
 * checks of the tree path ({@link FlatShape#leafPasses}, by their text); its stored nodes are the
 * shape's stored pieces filled with its slot texts ({@link Match#prepare}): no tree is built.
 *
 * <p>The stored form can leave out a value that equals another (an event time equal to its
 * history's origin), so the stored pieces are kept per pattern of equal data values in a
 * composition (a variant). A variant is made from two sets of sentinel values that must give the
 * same pieces, and used only after filling it reproduced byte for byte what the tree path stored
 * for a real composition of that pattern ({@link Match#learnVariant}). Thread-safe.
 */
final class TextShape {
  /** Variants kept at most per shape; compositions of further patterns take the tree path. */
  private static final int MAX_VARIANTS = 256;

  private enum Kind { STRING, NUMBER }

  /** A data value: its leaf checks, its first and last slot, and the text before its first and after its last slot. */
  private record Leaf(FlatShape.Leaf check, int firstSlot, int lastSlot, int prefix, int suffix) {}

  /** The stored nodes for one pattern of equal data values (leaf i equals leaf {@code groups[i]}); null nodes: not usable. */
  private record Variant(int[] groups, HoledText[] nodes) {}

  private final ObjectNode tree;
  private final List<JsonPointer> slots;
  private final List<JsonPointer> typesDropped;
  private final Kind[] kinds;
  private final HoledText input;
  private final Leaf[] leaves;
  private final int startTimeSlot;
  private final int[] num;
  private final int[] numCap;
  private final int[] archetypeIds;
  /** Pairs of data values {i, j} (i < j) whose being equal changes the stored pieces (an event time and its history's origin). */
  private volatile List<int[]> equalityPairs = List.of();
  private final List<Variant> variants = new CopyOnWriteArrayList<>();

  private TextShape(ObjectNode tree, List<JsonPointer> slots, List<JsonPointer> typesDropped, Kind[] kinds, HoledText input, Leaf[] leaves,
      int[] num, int[] numCap, int[] archetypeIds) {
    this.tree = tree;
    this.slots = slots;
    this.typesDropped = typesDropped;
    this.kinds = kinds;
    this.input = input;
    this.leaves = leaves;
    this.startTimeSlot = slots.indexOf(JsonPointer.compile("/context/start_time/value"));
    this.num = num;
    this.numCap = numCap;
    this.archetypeIds = archetypeIds;
  }

  /**
   * The text shape of a checked shape, from its first composition ({@code input} as read, not
   * normalised), or null when its text cannot be used (a boolean or null in a data value, a type
   * name left out inside one, sentinels not found).
   *
   * @param leafPointers where the shape's varying data values are
   * @param checks the leaf checks, one per data value
   */
  static TextShape of(ObjectNode input, List<JsonPointer> leafPointers, List<JsonPointer> typesDropped, List<FlatShape.Leaf> checks,
      int[] archetypeIds) {
    if (checks.size() != leafPointers.size()) {
      return null;
    }
    List<JsonPointer> slots = new ArrayList<>();
    List<Kind> kinds = new ArrayList<>();
    int[][] leafSlots = new int[leafPointers.size()][];
    for (int i = 0; i < leafPointers.size(); i++) {
      JsonPointer at = leafPointers.get(i);
      String leaf = at.toString();
      if (!at.equals(checks.get(i).at()) || typesDropped.stream().anyMatch(t -> t.toString().equals(leaf) || t.toString().startsWith(leaf + "/"))) {
        return null;
      }
      int first = slots.size();
      if (!collectSlots(input.at(at), at, slots, kinds) || slots.size() == first) {
        return null;
      }
      leafSlots[i] = new int[] {first, slots.size() - 1};
    }
    HoledText text = Sentinels.cut(input, slots, ids(slots.size()), 0);
    if (text == null || !text.sameAs(Sentinels.cut(input, slots, ids(slots.size()), 1)) || !Arrays.equals(text.holes(), ids(slots.size()))) {
      return null;
    }
    ObjectNode marked = Sentinels.in(input, slots, ids(slots.size()), 0);
    Map<String, Integer> markers = Sentinels.texts(input, slots, ids(slots.size()), 0);
    List<String> markerOf = new ArrayList<>(markers.keySet());
    markerOf.sort((x, y) -> Integer.compare(markers.get(x), markers.get(y)));
    Leaf[] leaves = new Leaf[leafPointers.size()];
    for (int i = 0; i < leaves.length; i++) {
      String leafText = marked.at(leafPointers.get(i)).toString();
      String first = markerOf.get(leafSlots[i][0]);
      String last = markerOf.get(leafSlots[i][1]);
      int prefix = leafText.indexOf(first);
      int lastAt = leafText.lastIndexOf(last);
      if (prefix < 0 || lastAt < 0) {
        return null;
      }
      leaves[i] = new Leaf(checks.get(i), leafSlots[i][0], leafSlots[i][1], prefix, leafText.length() - lastAt - last.length());
    }
    List<ContentNode> nodes = ContentNodes.split(input);
    int[] num = nodes.stream().mapToInt(n -> n.num()).toArray();
    int[] numCap = nodes.stream().mapToInt(n -> n.numCap()).toArray();
    if (num.length != archetypeIds.length) {
      return null;
    }
    TextShape shape = new TextShape(input.deepCopy(), List.copyOf(slots), List.copyOf(typesDropped), kinds.toArray(Kind[]::new), text, leaves,
        num, numCap, archetypeIds.clone());
    Match first = shape.match(input.toString());
    if (first == null) {
      return null;
    }
    shape.equalityPairs = shape.equalityPairs(marked, markers);
    first.learnVariant(shape.storedOnTree(input));
    return shape;
  }

  /** A composition's text in this shape, with where its slots are; null when the text is not the shape's. */
  Match match(String text) {
    int n = kinds.length;
    int[] start = new int[n];
    int[] end = new int[n];
    String[] pieces = input.pieces();
    int pos = 0;
    for (int i = 0; i < n; i++) {
      if (!text.startsWith(pieces[i], pos)) {
        return null;
      }
      pos += pieces[i].length();
      start[i] = pos;
      pos = kinds[i] == Kind.STRING ? JsonScalars.endOfString(text, pos) : JsonScalars.endOfNumber(text, pos);
      if (pos < 0) {
        return null;
      }
      end[i] = pos;
    }
    String last = pieces[n];
    return text.length() == pos + last.length() && text.startsWith(last, pos) ? new Match(text, start, end) : null;
  }

  /** A composition's text matched to the shape. */
  final class Match {
    private final String text;
    private final int[] start;
    private final int[] end;

    private Match(String text, int[] start, int[] end) {
      this.text = text;
      this.start = start;
      this.end = end;
    }

    /** The composition's JSON text (as Jackson writes its tree). */
    String text() {
      return text;
    }

    /**
     * The composition's stored content when every data value passes the leaf checks and its
     * variant is known; else null (then the tree path decides).
     */
    StoredContent prepare() {
      String[] values = leafTexts();
      Map<JsonNode, RMObject> read = new HashMap<>();
      for (int i = 0; i < leaves.length; i++) {
        if (!FlatShape.leafPasses(leaves[i].check(), values[i], read)) {
          return null;
        }
      }
      Variant variant = variant(groups(values));
      if (variant == null || variant.nodes() == null) {
        return null;
      }
      String[] data = new String[variant.nodes().length];
      for (int i = 0; i < data.length; i++) {
        data[i] = variant.nodes()[i].fill(text, start, end);
      }
      return new StoredContent(num, numCap, archetypeIds, data, startTime());
    }

    /**
     * Learns the variant of this composition from what the tree path stored for it ({@code stored}):
     * kept usable only when the pieces made from sentinels, filled with this composition's values,
     * give exactly {@code stored}.
     */
    void learnVariant(String[] stored) {
      int[] groups = groups(leafTexts());
      if (variant(groups) != null || variants.size() >= MAX_VARIANTS) {
        return;
      }
      int[] ids = new int[slots.size()];
      for (int i = 0; i < leaves.length; i++) {
        Leaf leaf = leaves[i];
        Leaf same = leaves[groups[i]];
        for (int s = leaf.firstSlot(); s <= leaf.lastSlot(); s++) {
          ids[s] = same.firstSlot() + s - leaf.firstSlot();
        }
      }
      HoledText[] a = storedPieces(ids, 0);
      HoledText[] b = storedPieces(ids, 1);
      boolean usable = a != null && b != null && a.length == stored.length;
      for (int i = 0; usable && i < a.length; i++) {
        usable = a[i].sameAs(b[i]) && a[i].fill(text, start, end).equals(stored[i]);
      }
      variants.add(new Variant(groups, usable ? a : null));
    }

    private String[] leafTexts() {
      String[] out = new String[leaves.length];
      for (int i = 0; i < out.length; i++) {
        Leaf leaf = leaves[i];
        out[i] = text.substring(start[leaf.firstSlot()] - leaf.prefix(), end[leaf.lastSlot()] + leaf.suffix());
      }
      return out;
    }

    /** {@code CompositionService.startTime} of the composition: the context start time with offset, else null. */
    private OffsetDateTime startTime() {
      if (startTimeSlot < 0 || kinds[startTimeSlot] != Kind.STRING) {
        return null;
      }
      try {
        return OffsetDateTime.parse(text.substring(start[startTimeSlot] + 1, end[startTimeSlot] - 1));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }

  /**
   * For each data value, the one whose sentinels it takes in the stored pieces: the first value
   * of an {@link #equalityPairs} pair it equals, else itself.
   */
  private int[] groups(String[] values) {
    int[] groups = ids(values.length);
    for (int[] pair : equalityPairs) {
      int i = pair[0];
      int j = pair[1];
      if (groups[j] == j && values[i].hashCode() == values[j].hashCode() && values[i].equals(values[j])) {
        groups[j] = groups[i];
      }
    }
    return groups;
  }

  /**
   * The pairs of data values whose equality changes the stored pieces: for every two values of
   * the same structure (same text around the same kinds of slots), the stored nodes made with the
   * second taking the first's sentinels are compared with those made with all sentinels distinct.
   */
  private List<int[]> equalityPairs(ObjectNode marked, Map<String, Integer> markers) {
    List<List<String>> structure = new ArrayList<>();
    for (Leaf leaf : leaves) {
      HoledText text = HoledText.cut(marked.at(leaf.check().at()).toString(), markers);
      List<String> key = new ArrayList<>(Arrays.asList(text.pieces()));
      for (int s = leaf.firstSlot(); s <= leaf.lastSlot(); s++) {
        key.add(kinds[s].name());
      }
      structure.add(key);
    }
    HoledText[] distinct = storedPieces(ids(slots.size()), 0);
    List<int[]> pairs = new ArrayList<>();
    for (int j = 0; j < leaves.length; j++) {
      for (int i = 0; i < j; i++) {
        if (!structure.get(i).equals(structure.get(j))) {
          continue;
        }
        int[] ids = ids(slots.size());
        for (int s = leaves[j].firstSlot(); s <= leaves[j].lastSlot(); s++) {
          ids[s] = leaves[i].firstSlot() + s - leaves[j].firstSlot();
        }
        HoledText[] same = storedPieces(ids, 0);
        if (!samePieces(distinct, same)) {
          pairs.add(new int[] {i, j});
        }
      }
    }
    return List.copyOf(pairs);
  }

  private static boolean samePieces(HoledText[] a, HoledText[] b) {
    if (a == null || b == null || a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (!Arrays.equals(a[i].pieces(), b[i].pieces())) {
        return false;
      }
    }
    return true;
  }

  private Variant variant(int[] groups) {
    for (Variant v : variants) {
      if (Arrays.equals(v.groups(), groups)) {
        return v;
      }
    }
    return null;
  }

  /** What the tree path stores for a composition of this shape (its tree as read). */
  private String[] storedOnTree(ObjectNode composition) {
    ObjectNode normalised = composition.deepCopy();
    CanonicalShapes.dropTypes(normalised, typesDropped);
    return StoredContent.of(new Content(ContentNodes.split(normalised), archetypeIds, null)).data();
  }

  /** The stored nodes written from the shape's tree with sentinel set {@code set} ({@code ids}: the sentinel of each slot), cut at the sentinels. */
  private HoledText[] storedPieces(int[] ids, int set) {
    String[] data = storedOnTree(Sentinels.in(tree, slots, ids, set));
    Map<String, Integer> sentinels = Sentinels.texts(tree, slots, ids, set);
    HoledText[] out = new HoledText[data.length];
    for (int i = 0; i < data.length; i++) {
      out[i] = HoledText.cut(data[i], sentinels);
      if (out[i] == null) {
        return null;
      }
    }
    return out;
  }

  /**
   * The scalars of a data value that vary between compositions of a shape (all but {@code _type} and
   * the terminology id, which are part of the shape), in text order; false when one is of a kind a
   * slot cannot hold.
   */
  private static boolean collectSlots(JsonNode value, JsonPointer at, List<JsonPointer> slots, List<Kind> kinds) {
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      JsonPointer child = at.appendProperty(e.getKey());
      if (e.getKey().equals("_type") || e.getKey().equals("terminology_id")) {
        continue;
      }
      if (v.isObject()) {
        if (!collectSlots(v, child, slots, kinds)) {
          return false;
        }
      } else if (v.isTextual()) {
        slots.add(child);
        kinds.add(Kind.STRING);
      } else if (v instanceof IntNode || v instanceof LongNode || v instanceof DoubleNode) {
        slots.add(child);
        kinds.add(Kind.NUMBER);
      } else {
        return false;
      }
    }
    return true;
  }

  private static int[] ids(int n) {
    int[] ids = new int[n];
    Arrays.setAll(ids, i -> i);
    return ids;
  }
}
