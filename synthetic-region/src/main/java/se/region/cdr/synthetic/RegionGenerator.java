package se.region.cdr.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generates a synthetic region into a directory: {@code master/} (regions, providers, units, code
 * lists), the clinical source files, {@code bed_occupancy.csv} and {@code manifest.json}. Patients
 * are generated and written one at a time, so memory does not grow with their number.
 */
public final class RegionGenerator {
  private static final long PATIENT_STREAM = 1;

  private RegionGenerator() {}

  /** Generates with the default region, 5 years from 2020-01-01. */
  public static Manifest generate(long seed, int patients, Path out) {
    return generate(RegionParameters.of(seed, patients), out);
  }

  public static Manifest generate(long seed, int patients, int years, java.time.LocalDate start, Path out) {
    return generate(new RegionParameters(seed, patients, years, start, RegionParameters.DEFAULT_TENANT,
        RegionParameters.DEFAULT_REGION_CODE, RegionParameters.DEFAULT_REGION_NAME), out);
  }

  static Manifest generate(RegionParameters parameters, Path out) {
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create " + out, e);
    }
    Population population = new Population(parameters.regionCode(), parameters.start());
    Organisation organisation = new Organisation(parameters, population.municipalities());
    organisation.writeMaster(out);
    Manifest manifest = new Manifest(parameters);
    manifest.file("master/regions.csv", 1);
    manifest.file("master/providers.csv", 3);
    manifest.file("master/units.csv", organisation.units().size());
    CodeLists.writeMaster(out, parameters.start()).forEach(manifest::file);
    BedLedger beds = new BedLedger(organisation.wards(), parameters.start(), parameters.end());
    KnownAnswers answers = new KnownAnswers();
    PatientHistory history = new PatientHistory(organisation, parameters);
    try (SourceFiles files = new SourceFiles(out)) {
      ClinicalRecordWriter writer = new ClinicalRecordWriter(files, organisation, beds, answers, parameters);
      for (int i = 0; i < parameters.patients(); i++) {
        SeededRandom r = SeededRandom.of(parameters.seed(), PATIENT_STREAM, i);
        Patient p = population.draw(r, i);
        PatientConditions conditions = PatientConditions.draw(r, p.ageAt(parameters.start()), p.sex());
        writer.write(p, conditions, history.plan(p, conditions, r), r);
      }
      files.all().forEach(f -> manifest.file(f.name(), f.rows()));
    }
    manifest.file("bed_occupancy.csv", beds.write(out));
    answers.addTo(manifest);
    manifest.write(out);
    return manifest;
  }
}
