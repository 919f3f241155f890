package se.region.cdr.loader.mapping;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed mapping file: which input it reads, which template it fills, the record key, the
 * subject, the time zone of local date-times and the field rules (provenance rules included).
 */
public record Mapping(
    String id,
    String version,
    String description,
    InputSpec input,
    String templateId,
    ZoneId timeZone,
    RecordKeySpec recordKey,
    SubjectSpec subject,
    List<FieldRule> rules) {

  /** Every source column/element the mapping reads (for the CSV header check). */
  public Set<String> sources() {
    Set<String> out = new LinkedHashSet<>(recordKey.fields());
    out.add(subject.source());
    for (FieldRule r : rules) {
      if (r.source() != null) {
        out.add(r.source());
      }
      if (r.unitSource() != null) {
        out.add(r.unitSource());
      }
      r.when().forEach(c -> out.add(c.source()));
    }
    return out;
  }

  /** "id version", as reports name a mapping. */
  public String label() {
    return id + " " + version;
  }

  public List<FieldRule> rulesCopy() {
    return new ArrayList<>(rules);
  }
}
