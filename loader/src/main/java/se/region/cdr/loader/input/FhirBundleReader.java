package se.region.cdr.loader.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A FHIR R4 Bundle (JSON, e.g. a Synthea patient bundle): each entry whose resource type the
 * mapping consumes is a record, numbered by its entry position.
 *
 * <p>References ({@code resolve()}) are looked up among the bundle's entries by {@code fullUrl}
 * (e.g. {@code urn:uuid:...}) or {@code Type/id}. A conditional reference
 * {@code Type?identifier=system|value} (Synthea writes its Organization, Location and Practitioner
 * references so, the resources themselves being in a separate bundle) resolves to the entry of that
 * type with that identifier, or, when the bundle has none, to a stub resource holding just what the
 * reference says ({@code resourceType} and that identifier), so {@code serviceProvider.reference.resolve().identifier[system=...].value}
 * reads the same either way.
 *
 * <p>The quarantine copy of a resource ({@link SourceRecord#raw()}) keeps no person data: the
 * {@code display} of every reference is dropped (Synthea writes the patient's and practitioners'
 * names there), a reference to a Patient becomes {@code Patient/[subject]} (the patient's resource
 * id is its record number in the source), and a person resource itself (Patient, Person,
 * RelatedPerson, Practitioner) keeps only its type.
 */
public final class FhirBundleReader implements RecordReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> PERSONS = Set.of("Patient", "Person", "RelatedPerson", "Practitioner");
  /** What a reference to a patient becomes in the quarantine copy. */
  static final String PATIENT_REFERENCE = "Patient/[subject]";
  private final JsonNode entries;
  private final List<String> resourceTypes;
  private final Map<String, JsonNode> byReference = new HashMap<>();
  /** "Type|system|value" of every identifier of every entry. */
  private final Map<String, JsonNode> byIdentifier = new HashMap<>();
  private int position = 0;

  public FhirBundleReader(InputStream input, List<String> resourceTypes) throws IOException {
    JsonNode bundle = JSON.readTree(input);
    if (bundle == null || !"Bundle".equals(bundle.path("resourceType").asText())) {
      throw new IOException("Input is not a FHIR Bundle (resourceType is not \"Bundle\")");
    }
    this.entries = bundle.path("entry");
    this.resourceTypes = resourceTypes;
    for (JsonNode entry : entries) {
      JsonNode resource = entry.path("resource");
      String type = resource.path("resourceType").asText();
      if (entry.hasNonNull("fullUrl")) {
        byReference.put(entry.path("fullUrl").asText(), resource);
      }
      if (resource.hasNonNull("id")) {
        byReference.put(type + "/" + resource.path("id").asText(), resource);
      }
      for (JsonNode identifier : resource.path("identifier")) {
        byIdentifier.putIfAbsent(type + "|" + identifier.path("system").asText() + "|" + identifier.path("value").asText(), resource);
      }
    }
  }

  @Override
  public SourceRecord next() {
    while (position < entries.size()) {
      int i = position++;
      JsonNode resource = entries.get(i).path("resource");
      if (resourceTypes.contains(resource.path("resourceType").asText())) {
        return new ResourceRecord(new JsonRecord(i + 1, i + 1, resource, this::resolve, null), resource);
      }
    }
    return null;
  }

  /** The resource a reference points to, or null. */
  JsonNode resolve(String reference) {
    JsonNode found = byReference.get(reference);
    if (found != null) {
      return found;
    }
    int query = reference.indexOf("?identifier=");
    if (query <= 0) {
      return null;
    }
    String type = reference.substring(0, query);
    String token = reference.substring(query + "?identifier=".length());
    int bar = token.indexOf('|');
    if (token.isEmpty() || token.contains("&") || !type.matches("[A-Z][A-Za-z]+")) {
      return null;
    }
    String system = bar < 0 ? "" : token.substring(0, bar);
    String value = bar < 0 ? token : token.substring(bar + 1);
    found = byIdentifier.get(type + "|" + system + "|" + value);
    if (found != null) {
      return found;
    }
    ObjectNode stub = JsonNodeFactory.instance.objectNode().put("resourceType", type);
    ObjectNode identifier = stub.putArray("identifier").addObject();
    if (!system.isEmpty()) {
      identifier.put("system", system);
    }
    identifier.put("value", value);
    return stub;
  }

  @Override
  public void close() {}

  /** A bundle entry's resource as a record: values as any JSON record, the quarantine copy without person data. */
  private final class ResourceRecord extends ForwardingRecord {
    private final JsonNode resource;

    ResourceRecord(JsonRecord record, JsonNode resource) {
      super(record);
      this.resource = resource;
    }

    @Override
    public ObjectNode raw() {
      String type = resource.path("resourceType").asText();
      if (PERSONS.contains(type)) {
        return JsonNodeFactory.instance.objectNode().put("resourceType", type).put("_removed", "person resource: not kept in the quarantine");
      }
      ObjectNode copy = record.raw();
      scrubReferences(copy);
      return copy;
    }
  }

  /** Drops every reference's display and replaces references to patients, in place. */
  private void scrubReferences(JsonNode node) {
    if (node instanceof ObjectNode o) {
      JsonNode reference = o.get("reference");
      if (reference != null && reference.isTextual()) {
        o.remove("display");
        JsonNode target = resolve(reference.asText());
        if (reference.asText().startsWith("Patient") || (target != null && "Patient".equals(target.path("resourceType").asText()))) {
          o.put("reference", PATIENT_REFERENCE);
        }
      }
      for (Iterator<JsonNode> it = o.elements(); it.hasNext(); ) {
        scrubReferences(it.next());
      }
    } else if (node instanceof ArrayNode a) {
      a.forEach(this::scrubReferences);
    }
  }
}
