package se.region.cdr.loader.mapping;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed mapping file: which input it reads, which template it fills, the record key, the
 * subject, the time zone of local date-times and the field rules (provenance rules included); the
 * lookups (side files joined by key) and whether the care provider comes from master data (the
 * provider of the record's care unit at the record's date, filled in by the master-data check).
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
    List<FieldRule> rules,
    List<Lookup> lookups,
    boolean careProviderFromMasterData) {

  public Mapping(String id, String version, String description, InputSpec input, String templateId, ZoneId timeZone,
      RecordKeySpec recordKey, SubjectSpec subject, List<FieldRule> rules) {
    this(id, version, description, input, templateId, timeZone, recordKey, subject, rules, List.of(), false);
  }

  /**
   * Every source column/element the mapping reads from the input itself (for the CSV header check):
   * the columns of lookups are not in the input (they are checked against the lookup file), but their
   * {@code on} columns are.
   */
  public Set<String> sources() {
    Set<String> out = allSources();
    out.removeIf(s -> lookups.stream().anyMatch(l -> l.offers(s)));
    lookups.forEach(l -> out.add(l.on()));
    return out;
  }

  private Set<String> allSources() {
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
    input.require().forEach(r -> out.add(r.condition().source()));
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
