package se.region.cdr.bench.corpus;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
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

  /** Q7 aggregates systolic readings from each of these instants on (1 January of each year). */
  static final List<Instant> AGGREGATE_SINCE = aggregateSince();

  /** Q6: vital-signs compositions with systolic above this, latest first. */
  static final int WARD_LIST_SYSTOLIC_ABOVE = 130;

  static final int WARD_LIST_LIMIT = 50;

  private final Map<CorpusTemplate, Integer> compositions = new EnumMap<>(CorpusTemplate.class);
  private final Map<CorpusTemplate, Integer> updates = new EnumMap<>(CorpusTemplate.class);
  private final Map<String, Integer> ehrsByCode = new TreeMap<>();
  private int ehrs;
  private int ehrsSystolicAtLeast180;
  private int ehrsSystolicAtLeast140;
  private int ehrsHba1cAbove48;
  private int ehrsE11AndHba1cAbove48;
  private int vitalSignsSystolicAbove130;
  private final PriorityQueue<Long> wardList = new PriorityQueue<>();
  private final long[] sinceCount = new long[AGGREGATE_SINCE.size()];
  private final long[] sinceSum = new long[AGGREGATE_SINCE.size()];
  private final int[] sinceMin = new int[AGGREGATE_SINCE.size()];
  private final int[] sinceMax = new int[AGGREGATE_SINCE.size()];
  private final List<String> latestBloodPressure = new ArrayList<>();
  private final List<String> latestComposition = new ArrayList<>();

  private int ehrMaxSystolic;
  private double ehrMaxHba1c;
  private Instant ehrLatestBloodPressure;
  private Instant ehrLatestComposition;
  private final Set<String> ehrCodes = new HashSet<>();

  ManifestTally() {
    Arrays.fill(sinceMin, Integer.MAX_VALUE);
    Arrays.fill(sinceMax, Integer.MIN_VALUE);
  }

  void startEhr() {
    ehrMaxSystolic = Integer.MIN_VALUE;
    ehrMaxHba1c = Double.NEGATIVE_INFINITY;
    ehrLatestBloodPressure = null;
    ehrLatestComposition = null;
    ehrCodes.clear();
  }

  void vitalSigns(Instant time, VitalSigns signs) {
    count(CorpusTemplate.VITAL_SIGNS, time);
    ehrLatestBloodPressure = latest(ehrLatestBloodPressure, time);
    int systolic = signs.systolicMmHg();
    ehrMaxSystolic = Math.max(ehrMaxSystolic, systolic);
    if (systolic > WARD_LIST_SYSTOLIC_ABOVE) {
      vitalSignsSystolicAbove130++;
      wardList.add(time.getEpochSecond());
      if (wardList.size() > WARD_LIST_LIMIT) {
        wardList.poll();
      }
    }
    for (int i = 0; i < AGGREGATE_SINCE.size(); i++) {
      if (!time.isBefore(AGGREGATE_SINCE.get(i))) {
        sinceCount[i]++;
        sinceSum[i] += systolic;
        sinceMin[i] = Math.min(sinceMin[i], systolic);
        sinceMax[i] = Math.max(sinceMax[i], systolic);
      }
    }
  }

  void labReport(Instant time, List<LabResult> results) {
    count(CorpusTemplate.LABORATORY_REPORT, time);
    for (LabResult result : results) {
      if (result.loincCode().equals(Analyte.HBA1C.loincCode())) {
        ehrMaxHba1c = Math.max(ehrMaxHba1c, result.magnitude());
      }
    }
  }

  void problemList(Instant time, List<Problem> problems) {
    count(CorpusTemplate.PROBLEM_LIST, time);
    problems.forEach(p -> ehrCodes.add(p.icd10Code()));
  }

  void update(CorpusTemplate template) {
    updates.merge(template, 1, Integer::sum);
  }

  void finishEhr() {
    ehrs++;
    ehrsSystolicAtLeast180 += ehrMaxSystolic >= 180 ? 1 : 0;
    ehrsSystolicAtLeast140 += ehrMaxSystolic >= 140 ? 1 : 0;
    boolean hba1cHigh = ehrMaxHba1c > EhrProfile.HBA1C_THRESHOLD;
    ehrsHba1cAbove48 += hba1cHigh ? 1 : 0;
    ehrsE11AndHba1cAbove48 +=
        hba1cHigh && ehrCodes.contains(Icd10Catalogue.TYPE_2_DIABETES) ? 1 : 0;
    ehrCodes.forEach(code -> ehrsByCode.merge(code, 1, Integer::sum));
    latestBloodPressure.add(iso(ehrLatestBloodPressure));
    latestComposition.add(iso(ehrLatestComposition));
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
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode expected = json.objectNode();
    expected.put("Q1_bloodPressureObservationsPerEhr", CorpusTemplate.VITAL_SIGNS.countOf(perEhr));
    ArrayNode latest = expected.putArray("Q1_latestBloodPressureTimePerEhr");
    latestBloodPressure.forEach(latest::add);
    expected.put("Q2_compositionsPerEhr", perEhr);
    ObjectNode byTemplate = expected.putObject("Q2_compositionsPerEhrByTemplate");
    for (CorpusTemplate template : CorpusTemplate.values()) {
      byTemplate.put(template.templateId(), template.countOf(perEhr));
    }
    ArrayNode latestAny = expected.putArray("Q2_latestCompositionTimePerEhr");
    latestComposition.forEach(latestAny::add);
    expected.put("Q3a_ehrsSystolicAtLeast180", ehrsSystolicAtLeast180);
    expected.put("Q3b_ehrsSystolicAtLeast140", ehrsSystolicAtLeast140);
    ObjectNode rare = expected.putObject("Q4a_ehrsByRareCode");
    rareCodes.forEach(code -> rare.put(code, ehrsByCode.getOrDefault(code, 0)));
    expected.put("Q4b_ehrsWithE11", ehrsByCode.getOrDefault(Icd10Catalogue.TYPE_2_DIABETES, 0));
    expected.put("Q5_ehrsWithE11AndHba1cAbove48", ehrsE11AndHba1cAbove48);
    expected.put("Q6_vitalSignsCompositionsSystolicAbove130", vitalSignsSystolicAbove130);
    ObjectNode ward = expected.putObject("Q6_wardList");
    ward.put("systolicAbove", WARD_LIST_SYSTOLIC_ABOVE);
    ward.put("limit", WARD_LIST_LIMIT);
    ward.put("rows", Math.min(WARD_LIST_LIMIT, vitalSignsSystolicAbove130));
    ArrayNode startTimes = ward.putArray("startTimesDescending");
    wardList.stream()
        .sorted(Comparator.reverseOrder())
        .forEach(t -> startTimes.add(Instant.ofEpochSecond(t).toString()));
    ArrayNode aggregates = expected.putArray("Q7_systolicSince");
    for (int i = 0; i < AGGREGATE_SINCE.size(); i++) {
      ObjectNode aggregate = aggregates.addObject();
      long n = sinceCount[i];
      aggregate.put("since", AGGREGATE_SINCE.get(i).toString());
      aggregate.put("count", n);
      aggregate.put("sum", sinceSum[i]);
      aggregate.put("avg", n == 0 ? 0 : (double) sinceSum[i] / n);
      aggregate.put("min", n == 0 ? 0 : sinceMin[i]);
      aggregate.put("max", n == 0 ? 0 : sinceMax[i]);
    }
    expected.put("Q9_ehrsPerSubject", 1);
    expected.put("ehrsWithHba1cAbove48", ehrsHba1cAbove48);
    expected.put("ehrsWithI10", ehrsByCode.getOrDefault(Icd10Catalogue.HYPERTENSION, 0));
    ObjectNode all = expected.putObject("ehrsByIcd10Code");
    ehrsByCode.forEach(all::put);
    return expected;
  }

  /** Shares of EHRs, to compare with the hit rates BENCHMARK.md asks for. */
  ObjectNode sharesJson(List<String> rareCodes) {
    ObjectNode shares = JsonNodeFactory.instance.objectNode();
    shares.put("systolicAtLeast180", share(ehrsSystolicAtLeast180));
    shares.put("systolicAtLeast140", share(ehrsSystolicAtLeast140));
    shares.put("hba1cAbove48", share(ehrsHba1cAbove48));
    shares.put("e11AndHba1cAbove48", share(ehrsE11AndHba1cAbove48));
    shares.put("I10", share(ehrsByCode.getOrDefault(Icd10Catalogue.HYPERTENSION, 0)));
    shares.put("E11", share(ehrsByCode.getOrDefault(Icd10Catalogue.TYPE_2_DIABETES, 0)));
    int rareHits = rareCodes.stream().mapToInt(c -> ehrsByCode.getOrDefault(c, 0)).sum();
    shares.put("rareCodeMean", rareCodes.isEmpty() ? 0 : share(rareHits) / rareCodes.size());
    return shares;
  }

  private double share(int count) {
    return ehrs == 0 ? 0 : Math.round(1e5 * count / (double) ehrs) / 1e5;
  }

  private void count(CorpusTemplate template, Instant time) {
    compositions.merge(template, 1, Integer::sum);
    ehrLatestComposition = latest(ehrLatestComposition, time);
  }

  private static Instant latest(Instant current, Instant time) {
    return current == null || time.isAfter(current) ? time : current;
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static List<Instant> aggregateSince() {
    List<Instant> since = new ArrayList<>();
    for (int year = 2015; year <= 2024; year++) {
      since.add(LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
    return List.copyOf(since);
  }
}
