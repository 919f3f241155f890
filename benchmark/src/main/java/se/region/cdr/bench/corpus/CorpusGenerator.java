package se.region.cdr.bench.corpus;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import se.region.cdr.bench.corpus.template.LabReportComposition;
import se.region.cdr.bench.corpus.template.LabResult;
import se.region.cdr.bench.corpus.template.ProblemListComposition;
import se.region.cdr.bench.corpus.template.VitalSigns;
import se.region.cdr.bench.corpus.template.VitalSignsComposition;

/**
 * Generates a corpus: for each EHR a profile, then {@code perEhr} compositions spread over ten
 * years, 5 % of them with a second version, and a manifest of the expected query answers. The same
 * seed and sizes give the same bytes.
 */
public final class CorpusGenerator {

  /** Bumped whenever the same seed would give different bytes. */
  public static final String VERSION = "3";

  static final Instant WINDOW_FROM = Instant.parse("2015-01-01T00:00:00Z");
  static final Instant WINDOW_TO = Instant.parse("2025-01-01T00:00:00Z");
  static final double UPDATE_SHARE = 0.05;

  private final long seed;
  private final int ehrs;
  private final int perEhr;
  private final Icd10Catalogue codes;
  private final SystolicModel systolic;
  private final ObjectMapper mapper = new ObjectMapper();

  public CorpusGenerator(long seed, int ehrs, int perEhr, Icd10Catalogue codes) {
    if (ehrs < 1 || perEhr < 1) {
      throw new IllegalArgumentException("ehrs and perEhr must be positive");
    }
    this.seed = seed;
    this.ehrs = ehrs;
    this.perEhr = perEhr;
    this.codes = requireNonNull(codes, "codes is null");
    this.systolic = SystolicModel.forReadings(CorpusTemplate.VITAL_SIGNS.countOf(perEhr));
  }

  /** Writes the corpus files and {@code manifest.json} into {@code directory}. */
  public void generate(Path directory) throws IOException {
    generate(directory, new CorpusWriter(directory, mapper));
  }

  /**
   * Writes only {@code manifest.json} into {@code directory}: the same answers as {@link
   * #generate}, without the composition files (to measure the hit rates of a large scale).
   */
  public void generateManifestOnly(Path directory) throws IOException {
    Files.createDirectories(directory);
    generate(directory, CompositionSink.DISCARD);
  }

  private void generate(Path directory, CompositionSink sink) throws IOException {
    ManifestTally tally = new ManifestTally();
    try (sink) {
      for (int ehr = 0; ehr < ehrs; ehr++) {
        generateEhr(ehr, sink, tally);
      }
    }
    mapper
        .writerWithDefaultPrettyPrinter()
        .writeValue(directory.resolve(CorpusFiles.MANIFEST).toFile(), manifest(tally));
  }

  private void generateEhr(int ehr, CompositionSink writer, ManifestTally tally)
      throws IOException {
    SeededRandom random = SeededRandom.forEhr(seed, ehr);
    EhrProfile profile = EhrProfile.draw(ehr, random, codes, systolic);
    List<CorpusTemplate> templates = new ArrayList<>();
    for (CorpusTemplate template : CorpusTemplate.values()) {
      templates.addAll(Collections.nCopies(template.countOf(perEhr), template));
    }
    random.shuffle(templates);
    long[] times = new long[perEhr];
    long span = WINDOW_TO.getEpochSecond() - WINDOW_FROM.getEpochSecond();
    for (int k = 0; k < perEhr; k++) {
      times[k] = WINDOW_FROM.getEpochSecond() + random.nextLong(span);
    }
    Arrays.sort(times);
    tally.startEhr();
    for (int k = 0; k < perEhr; k++) {
      long seq = (long) ehr * perEhr + k;
      Instant time = Instant.ofEpochSecond(times[k]);
      CorpusTemplate template = templates.get(k);
      ObjectNode composition = composition(template, profile, random, time, tally);
      writer.composition(template, seq, ehr, composition);
      if (random.chance(UPDATE_SHARE)) {
        writer.update(template, seq, ehr, amend(template, composition));
        tally.update(template);
      }
    }
    tally.finishEhr();
  }

  private ObjectNode composition(
      CorpusTemplate template,
      EhrProfile profile,
      SeededRandom random,
      Instant time,
      ManifestTally tally) {
    String iso = time.toString();
    return switch (template) {
      case VITAL_SIGNS -> {
        VitalSigns signs = Measurements.vitalSigns(profile, systolic, random);
        tally.vitalSigns(time, signs);
        yield VitalSignsComposition.build(signs, iso);
      }
      case LABORATORY_REPORT -> {
        List<LabResult> results = Measurements.labReport(profile, random);
        tally.labReport(time, results);
        yield LabReportComposition.build(results, iso);
      }
      case PROBLEM_LIST -> {
        tally.problemList(time, profile.problems());
        yield ProblemListComposition.build(profile.problems(), iso);
      }
    };
  }

  private static ObjectNode amend(CorpusTemplate template, ObjectNode composition) {
    return switch (template) {
      case VITAL_SIGNS -> VitalSignsComposition.amend(composition);
      case LABORATORY_REPORT -> LabReportComposition.amend(composition);
      case PROBLEM_LIST -> ProblemListComposition.amend(composition);
    };
  }

  private ObjectNode manifest(ManifestTally tally) {
    ObjectNode manifest = mapper.createObjectNode();
    manifest.put("generator", "cdr-benchmark corpus");
    manifest.put("generatorVersion", VERSION);
    manifest.put("seed", seed);
    manifest.put("ehrs", ehrs);
    manifest.put("compositionsPerEhr", perEhr);
    ObjectNode subjects = manifest.putObject("subjects");
    subjects.put("namespace", Subjects.NAMESPACE);
    subjects.put("idFormat", Subjects.ID_FORMAT);
    ObjectNode window = manifest.putObject("timeWindow");
    window.put("from", WINDOW_FROM.toString());
    window.put("to", WINDOW_TO.toString());
    ObjectNode files = manifest.putObject("files");
    for (CorpusTemplate template : CorpusTemplate.values()) {
      files.put(template.templateId(), template.fileName());
    }
    files.put("updates", CorpusFiles.UPDATES);
    manifest.set("counts", tally.countsJson());
    List<String> rare = codes.rareCodes().stream().map(Icd10Catalogue.Code::code).toList();
    ObjectNode model = manifest.putObject("systolicModel");
    model.put("baselineSd", Math.round(systolic.baselineSd() * 1e4) / 1e4);
    model.put("readingSd", Math.round(systolic.readingSd() * 1e4) / 1e4);
    model.put("hypertensionShift", SystolicModel.HYPERTENSION_SHIFT);
    manifest.set("shares", tally.sharesJson(rare));
    manifest.set("expected", tally.expectedJson(perEhr, rare));
    return manifest;
  }
}
