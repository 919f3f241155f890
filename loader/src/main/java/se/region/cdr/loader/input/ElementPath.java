package se.region.cdr.loader.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A simple element path over JSON, in the spirit of FHIRPath: segments separated by '.', each an
 * element name, optionally with a filter {@code [sub.path=value]} (keeps array items where any value
 * at the sub-path equals the value) or an index {@code [n]}; arrays are traversed. The segment
 * {@code resolve()} follows a reference (e.g. {@code subject.reference}) to a resource in the same
 * bundle. Examples: {@code valueQuantity.value}, {@code code.coding[system=http://loinc.org].code},
 * {@code component[code.coding.code=8480-6].valueQuantity.value},
 * {@code subject.reference.resolve().identifier[system=http://electronichealth.se/identifier/personnummer].value}.
 *
 * <p>Alternatives are joined by {@code |} outside brackets (FHIRPath's union): the values of the
 * first alternative come first, so {@link #first} reads the first alternative that has a value, e.g.
 * {@code medicationCodeableConcept.coding[system=X].code | medicationReference.reference.resolve().code.coding[system=X].code}.
 */
public final class ElementPath {
  private static final Map<String, ElementPath> CACHE = new ConcurrentHashMap<>();

  private final List<Segment> segments;
  private final List<ElementPath> alternatives;

  private record Segment(String name, ElementPath filterPath, String filterValue, int index, boolean resolve) {}

  private ElementPath(List<Segment> segments, List<ElementPath> alternatives) {
    this.segments = segments;
    this.alternatives = alternatives;
  }

  public static ElementPath of(String text) {
    return CACHE.computeIfAbsent(text, ElementPath::compile);
  }

  private static ElementPath compile(String text) {
    List<String> union = split(text, '|');
    if (union.size() > 1) {
      List<ElementPath> alternatives = new ArrayList<>();
      for (String alternative : union) {
        if (alternative.isBlank()) {
          throw new IllegalArgumentException("Element path '" + text + "': empty alternative around '|'");
        }
        alternatives.add(compile(alternative.trim()));
      }
      return new ElementPath(List.of(), List.copyOf(alternatives));
    }
    List<Segment> out = new ArrayList<>();
    for (String part : split(text.trim(), '.')) {
      if (part.equals("resolve()")) {
        out.add(new Segment(null, null, null, -1, true));
        continue;
      }
      int bracket = part.indexOf('[');
      if (bracket < 0) {
        out.add(new Segment(part, null, null, -1, false));
        continue;
      }
      if (!part.endsWith("]")) {
        throw new IllegalArgumentException("Element path '" + text + "': segment '" + part + "' has no closing ]");
      }
      String name = part.substring(0, bracket);
      String inside = part.substring(bracket + 1, part.length() - 1);
      int eq = inside.indexOf('=');
      if (eq < 0) {
        out.add(new Segment(name, null, null, Integer.parseInt(inside.trim()), false));
      } else {
        out.add(new Segment(name, compile(inside.substring(0, eq).trim()), inside.substring(eq + 1).trim(), -1, false));
      }
    }
    return new ElementPath(List.copyOf(out), List.of());
  }

  /** Splits at a separator outside brackets (filter values such as URLs hold dots, conditional references '|'). */
  private static List<String> split(String text, char separator) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      } else if (c == separator && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  /** All values at this path; {@code resolver} maps a reference to a resource (may be null). */
  public List<JsonNode> all(JsonNode root, Function<String, JsonNode> resolver) {
    if (!alternatives.isEmpty()) {
      List<JsonNode> out = new ArrayList<>();
      alternatives.forEach(a -> out.addAll(a.all(root, resolver)));
      return out;
    }
    List<JsonNode> current = List.of(root);
    for (Segment s : segments) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        if (s.resolve()) {
          JsonNode target = resolver == null || !node.isTextual() ? null : resolver.apply(node.asText());
          if (target != null) {
            next.add(target);
          }
          continue;
        }
        JsonNode child = node.get(s.name());
        if (child == null || child.isNull()) {
          continue;
        }
        if (child.isArray()) {
          child.forEach(next::add);
        } else {
          next.add(child);
        }
      }
      if (s.filterPath() != null) {
        next.removeIf(n -> s.filterPath().all(n, resolver).stream().noneMatch(v -> v.isValueNode() && v.asText().equals(s.filterValue())));
      } else if (s.index() >= 0) {
        next = s.index() < next.size() ? List.of(next.get(s.index())) : List.of();
      }
      current = next;
      if (current.isEmpty()) {
        return current;
      }
    }
    return current;
  }

  /** The first value at this path as text, or null. */
  public String first(JsonNode root, Function<String, JsonNode> resolver) {
    for (JsonNode n : all(root, resolver)) {
      if (n.isValueNode()) {
        return n.asText();
      }
    }
    return null;
  }
}
