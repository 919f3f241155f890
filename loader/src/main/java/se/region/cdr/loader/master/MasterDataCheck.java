package se.region.cdr.loader.master;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import se.region.cdr.core.master.CareUnit;
import se.region.cdr.core.master.CodeEntry;
import se.region.cdr.loader.mapping.Mapping;
import se.region.cdr.loader.transform.MappedRecord;
import se.region.cdr.loader.transform.RecordMapper;
import se.region.cdr.loader.transform.Rejection;

/**
 * Checks a mapped record against master data at the record's date ({@code <root>/context/start_time}
 * in the mapping's time zone):
 *
 * <ul>
 *   <li>when any care unit is loaded, the provenance care unit must be a unit valid on that date,
 *       else the record is rejected as {@value #UNKNOWN_CARE_UNIT} (path: the provenance care-unit
 *       element);
 *   <li>every coded element whose terminology has a loaded code list ({@code ICD-10-SE}, {@code ATC},
 *       {@code NPU}, {@code KVA}, ...) must hold a code valid on that date, else
 *       {@code unknown_code} (path: the element); when its {@code |value} is just the code, it gets
 *       the list's display text;
 *   <li>a mapping with {@code careProvider: {masterData: true}} gets the unit's provider then as
 *       care provider (no units loaded: the provider is unknown, so the record is rejected);
 * </ul>
 *
 * When it changes the FLAT content it recomputes the content hash the way the record mapper does
 * (SHA-256 of pseudonym, newline, FLAT with sorted keys), so reloads stay idempotent. Thread-safe.
 */
public final class MasterDataCheck {
  public static final String UNKNOWN_CARE_UNIT = "unknown_care_unit";
  private static final String TERMINOLOGY = "|terminology";

  private final MasterDataView master;
  private final Mapping mapping;
  private final String startTime;
  private final String careUnit;
  private final String careProvider;

  public MasterDataCheck(MasterDataView master, Mapping mapping, String rootId) {
    this.master = requireNonNull(master, "master is null");
    this.mapping = requireNonNull(mapping, "mapping is null");
    requireNonNull(rootId, "rootId is null");
    this.startTime = rootId + "/context/start_time";
    this.careUnit = rootId + "/context/cdr_provenance/care_unit_hsa-id";
    this.careProvider = rootId + "/context/cdr_provenance/care_provider_hsa-id";
  }

  /** The record as it is to be stored (possibly with provider and display texts filled in), or the reason it is not. */
  public MappedRecord check(MappedRecord record) throws Rejection {
    if (record.flat() == null) {
      return record; // a whole canonical composition: no FLAT provenance to check (loader/README.md, "Canonical compositions")
    }
    LocalDate date = recordDate(record.flat());
    Map<String, JsonNode> changes = new TreeMap<>();
    checkCareUnit(record.flat(), date, changes);
    if (date != null) {
      checkCodes(record.flat(), date, changes);
    }
    if (changes.isEmpty()) {
      return record;
    }
    TreeMap<String, JsonNode> sorted = new TreeMap<>();
    record.flat().fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
    sorted.putAll(changes);
    ObjectNode flat = JsonNodeFactory.instance.objectNode();
    sorted.forEach(flat::set);
    return new MappedRecord(record.info(), flat, RecordMapper.contentHash(record.info().pseudonym(), flat));
  }

  private void checkCareUnit(ObjectNode flat, LocalDate date, Map<String, JsonNode> changes) throws Rejection {
    String unitId = flat.path(careUnit + "|id").asText(null);
    if (!master.hasCareUnits()) {
      if (mapping.careProviderFromMasterData()) {
        throw new Rejection(UNKNOWN_CARE_UNIT, careUnit, "provenance care_unit_hsa-id",
            "no care units are loaded in master data, so the care provider of unit " + unitId + " is unknown (load master data first)");
      }
      return;
    }
    if (unitId == null || date == null) {
      return; // the required provenance rule or the template's validation names what is missing
    }
    Optional<CareUnit> unit = master.careUnit(unitId, date);
    if (unit.isEmpty()) {
      throw new Rejection(UNKNOWN_CARE_UNIT, careUnit, "provenance care_unit_hsa-id", "care unit " + unitId
          + (master.knowsCareUnit(unitId) ? " is in master data but not valid on " + date : " is not in master data"));
    }
    if (mapping.careProviderFromMasterData()) {
      changes.put(careProvider + "|id", TextNode.valueOf(unit.get().providerHsaId()));
    }
  }

  private void checkCodes(ObjectNode flat, LocalDate date, Map<String, JsonNode> changes) throws Rejection {
    for (var it = flat.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().endsWith(TERMINOLOGY) || !master.hasCodeList(e.getValue().asText())) {
        continue;
      }
      String element = e.getKey().substring(0, e.getKey().length() - TERMINOLOGY.length());
      String system = e.getValue().asText();
      String code = flat.path(element + "|code").asText(null);
      if (code == null) {
        continue;
      }
      Optional<CodeEntry> entry = master.code(system, code, date);
      if (entry.isEmpty()) {
        throw new Rejection(Rejection.UNKNOWN_CODE, element, null, "code '" + code + "' is not in the " + system + " code list on " + date);
      }
      if (code.equals(flat.path(element + "|value").asText(null))) {
        changes.put(element + "|value", TextNode.valueOf(entry.get().display()));
      }
    }
  }

  /** The local date of the composition's start time (written with the mapping zone's offset), or null. */
  private LocalDate recordDate(ObjectNode flat) {
    JsonNode start = flat.get(startTime);
    if (start == null || !start.isTextual()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(start.asText()).atZoneSameInstant(mapping.timeZone()).toLocalDate();
    } catch (DateTimeException e) {
      return null;
    }
  }

}
