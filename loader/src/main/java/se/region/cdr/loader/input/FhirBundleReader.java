package se.region.cdr.loader.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A FHIR R4 Bundle (JSON, e.g. a Synthea patient bundle): each entry whose resource type the
 * mapping consumes is a record, numbered by its entry position. References ({@code resolve()})
 * are looked up among the bundle's entries by {@code fullUrl} (e.g. {@code urn:uuid:...}) or
 * {@code Type/id}.
 */
public final class FhirBundleReader implements RecordReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JsonNode entries;
  private final List<String> resourceTypes;
  private final Map<String, JsonNode> byReference = new HashMap<>();
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
      if (entry.hasNonNull("fullUrl")) {
        byReference.put(entry.path("fullUrl").asText(), resource);
      }
      if (resource.hasNonNull("id")) {
        byReference.put(resource.path("resourceType").asText() + "/" + resource.path("id").asText(), resource);
      }
    }
  }

  @Override
  public SourceRecord next() {
    while (position < entries.size()) {
      int i = position++;
      JsonNode resource = entries.get(i).path("resource");
      if (resourceTypes.contains(resource.path("resourceType").asText())) {
        return new JsonRecord(i + 1, i + 1, resource, byReference::get, null);
      }
    }
    return null;
  }

  @Override
  public void close() {}
}
