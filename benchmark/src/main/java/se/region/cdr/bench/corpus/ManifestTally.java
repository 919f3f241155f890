package se.region.cdr.bench.corpus;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import se.region.cdr.bench.corpus.template.LabResult;
import se.region.cdr.bench.corpus.template.Problem;
import se.region.cdr.bench.corpus.template.VitalSigns;

/**
 * Counts, while the corpus is generated, the answers the query classes of BENCHMARK.md must return.
 * Second versions change no counted value, so the answers hold before and after W3.
 */
final class ManifestTally {

  /** Q7 aggregates systolic readings from this instant on. */
  static final Instant AGGREGATE_SINCE = Instant.parse("2023-01-01T00:00:00Z");

  private final Map<CorpusTemplate, Integer> compositions = new EnumMap<>(CorpusTemplate.class);
  private final Map<CorpusTemplate, Integer> updates = new EnumMap<>(CorpusTemplate.class);
  private final Map<String, Integer> ehrsByCode = new TreeMap<>();
  private int ehrsSystolicAtLeast180;
  private int ehrsSystolicAtLeast140;
  private int ehrsHba1cAbove48;
  private int ehrsE11AndHba1cAbove48;
  private int vitalSignsSystolicAbove130;
  private long sinceCount;
  private long sinceSum;
  private int sinceMin = Integer.MAX_VALUE;
  private int sinceMax = Integer.MIN_VALUE;

  private int ehrMaxSystolic;
  private double ehrMaxHba1c;
  private final Set<String> ehrCodes = new HashSet<>();

  void startEhr() {
    ehrMaxSystolic = Integer.MIN_VALUE;
    ehrMaxHba1c = Double.NEGATIVE_INFINITY;
    ehrCodes.clear();
  }

  void vitalSigns(Instant time, VitalSigns signs) {
    count(CorpusTemplate.VITAL_SIGNS);
    int systolic = signs.systolicMmHg();
    ehrMaxSystolic = Math.max(ehrMaxSystolic, systolic);
    if (systolic > 130) {
      vitalSignsSystolicAbove130++;
    }
    if (!time.isBefore(AGGREGATE_SINCE)) {
      sinceCount++;
      sinceSum += systolic;
      sinceMin = Math.min(sinceMin, systolic);
      sinceMax = Math.max(sinceMax, systolic);
    }
  }

  void labReport(List<LabResult> results) {
    count(CorpusTemplate.LABORATORY_REPORT);
    for (LabResult result : results) {
      if (result.loincCode().equals(Analyte.HBA1C.loincCode())) {
        ehrMaxHba1c = Math.max(ehrMaxHba1c, result.magnitude());
      }
    }
  }

  void problemList(List<Problem> problems) {
    count(CorpusTemplate.PROBLEM_LIST);
    problems.forEach(p -> ehrCodes.add(p.icd10Code()));
  }

  void update(CorpusTemplate template) {
    updates.merge(template, 1, Integer::sum);
  }

  void finishEhr() {
    ehrsSystolicAtLeast180 += ehrMaxSystolic >= 180 ? 1 : 0;
    ehrsSystolicAtLeast140 += ehrMaxSystolic >= 140 ? 1 : 0;
    boolean hba1cHigh = ehrMaxHba1c > 48;
    ehrsHba1cAbove48 += hba1cHigh ? 1 : 0;
    ehrsE11AndHba1cAbove48 +=
        hba1cHigh && ehrCodes.contains(Icd10Catalogue.TYPE_2_DIABETES) ? 1 : 0;
    ehrCodes.forEach(code -> ehrsByCode.merge(code, 1, Integer::sum));
  }

  /** The {@code counts} section of the manifest. */
  ObjectNode countsJson() {
    ObjectNode counts = JsonNodeFactory.instance.objectNode();
    counts.put("compositions", compositions.values().stream().mapToInt(Integer::intValue).sum());
    ObjectNode byTemplate = counts.putObject("compositionsByTemplate");
    compositions.forEach((t, n) -> byTemplate.put(t.templateId(), n));
    counts.put("updates", updates.values().stream().mapToInt(Integer::intValue).sum());
    ObjectNode updatesByTemplate = counts.putObject("updatesByTemplate");
    updates.forEach((t, n) -> updatesByTemplate.put(t.templateId(), n));
    return counts;
  }

  /** The {@code expected} section: one entry per query class of BENCHMARK.md. */
  ObjectNode expectedJson(int perEhr, List<String> rareCodes) {
    ObjectNode expected = JsonNodeFactory.instance.objectNode();
    expected.put("Q1_bloodPressureObservationsPerEhr", CorpusTemplate.VITAL_SIGNS.countOf(perEhr));
    expected.put("Q2_compositionsPerEhr", perEhr);
    expected.put("Q3a_ehrsSystolicAtLeast180", ehrsSystolicAtLeast180);
    expected.put("Q3b_ehrsSystolicAtLeast140", ehrsSystolicAtLeast140);
    ObjectNode rare = expected.putObject("Q4a_ehrsByRareCode");
    rareCodes.forEach(code -> rare.put(code, ehrsByCode.getOrDefault(code, 0)));
    expected.put("Q4b_ehrsWithE11", ehrsByCode.getOrDefault(Icd10Catalogue.TYPE_2_DIABETES, 0));
    expected.put("Q5_ehrsWithE11AndHba1cAbove48", ehrsE11AndHba1cAbove48);
    expected.put("Q6_vitalSignsCompositionsSystolicAbove130", vitalSignsSystolicAbove130);
    ObjectNode aggregate = expected.putObject("Q7_systolicSince");
    aggregate.put("since", AGGREGATE_SINCE.toString());
    aggregate.put("count", sinceCount);
    aggregate.put("avg", sinceCount == 0 ? 0 : (double) sinceSum / sinceCount);
    aggregate.put("min", sinceCount == 0 ? 0 : sinceMin);
    aggregate.put("max", sinceCount == 0 ? 0 : sinceMax);
    expected.put("Q9_ehrsPerSubject", 1);
    expected.put("ehrsWithHba1cAbove48", ehrsHba1cAbove48);
    expected.put("ehrsWithI10", ehrsByCode.getOrDefault(Icd10Catalogue.HYPERTENSION, 0));
    ObjectNode all = expected.putObject("ehrsByIcd10Code");
    ehrsByCode.forEach(all::put);
    return expected;
  }

  private void count(CorpusTemplate template) {
    compositions.merge(template, 1, Integer::sum);
  }
}
