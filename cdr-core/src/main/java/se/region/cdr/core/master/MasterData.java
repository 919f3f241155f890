package se.region.cdr.core.master;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ErrorCode;
import se.region.cdr.core.store.Tx;

/**
 * The master-data registry: loads CSV files (one transaction per file, all or nothing) and answers
 * lookups at a date from in-memory snapshots. A snapshot is read on first use and dropped by every
 * load, so lookups cost a hash and a binary search.
 *
 * <p>Use one instance per database ({@link #of}): a load only invalidates the caches of the
 * instance that ran it. Loads by another process are seen after {@link #invalidate()}.
 */
public final class MasterData {
  private static final Map<DataSource, MasterData> INSTANCES = new WeakHashMap<>();

  private final DataSource dataSource;
  private final AtomicLong generation = new AtomicLong();
  private volatile OrganisationSnapshot organisation;
  private final Map<String, CodeSystemSnapshot> codeSystems = new ConcurrentHashMap<>();

  public MasterData(DataSource dataSource) {
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
  }

  /** The registry of a database, shared by everything in this JVM that uses it (REST, the loader). */
  public static synchronized MasterData of(DataSource dataSource) {
    return INSTANCES.computeIfAbsent(dataSource, MasterData::new);
  }

  /**
   * Checks a file without a database (columns, values, dates): the number of records, or a
   * {@link MasterDataException} naming every problem. References and history are checked on load.
   */
  public static int check(MasterKind kind, Reader csv, String source) {
    return MasterFileParser.parse(kind, csv, source).size();
  }

  /** Loads one file of a kind; a rejected file ({@link MasterDataException}, 400) changes nothing. */
  public LoadSummary load(MasterKind kind, Reader csv, String source) {
    List<MasterRecord> records = MasterFileParser.parse(kind, csv, source);
    try {
      LoadSummary summary = Tx.run(dataSource, c -> {
        MasterStore.lock(c, kind);
        List<LoadProblem> missing = MasterStore.missingReferences(c, kind, records, source);
        if (!missing.isEmpty()) {
          throw new MasterDataException(missing);
        }
        VersionPlan plan = VersionPlanner.plan(kind, MasterStore.readAll(c, kind), records, source);
        MasterStore.write(c, kind, plan);
        return new LoadSummary(kind.label(), source, records.size(), plan.inserted(), plan.changed(), plan.unchanged());
      });
      return summary;
    } finally {
      invalidate();
    }
  }

  public LoadSummary load(MasterKind kind, Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return load(kind, in, file.getFileName().toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file, e);
    }
  }

  /**
   * Loads a directory laid out as the synthetic region's {@code master/}: {@code regions.csv},
   * {@code providers.csv}, {@code units.csv} and every {@code codes*.csv}, in that order, each
   * file in its own transaction. Stops at the first rejected file.
   */
  public List<LoadSummary> loadDirectory(Path dir) {
    List<LoadSummary> summaries = new ArrayList<>();
    for (MasterKind kind : List.of(MasterKind.REGIONS, MasterKind.PROVIDERS, MasterKind.UNITS)) {
      Path file = dir.resolve(kind.label() + ".csv");
      if (Files.exists(file)) {
        summaries.add(load(kind, file));
      }
    }
    List<Path> codes = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "codes*.csv")) {
      files.forEach(codes::add);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + dir, e);
    }
    codes.sort(null);
    codes.forEach(f -> summaries.add(load(MasterKind.CODES, f)));
    return summaries;
  }

  /** The unit with this HSA-id on a date (with its provider and region then), if it existed then. */
  public Optional<CareUnit> careUnit(String hsaId, LocalDate at) {
    return organisation().unit(hsaId, at);
  }

  /** Every unit that existed on a date, by HSA-id. */
  public List<CareUnit> careUnits(LocalDate at) {
    return organisation().units(at);
  }

  /** Every period of a unit, oldest first; empty if unknown. */
  public List<CareUnit> careUnitHistory(String hsaId) {
    return organisation().history(hsaId);
  }

  /** The code of a code system valid on a date, if there is one. */
  public Optional<CodeEntry> code(String system, String code, LocalDate at) {
    CodeSystemSnapshot snapshot = codeSystems.get(system);
    if (snapshot == null) {
      long seen = generation.get();
      snapshot = read(c -> CodeSystemSnapshot.read(c, system));
      synchronized (this) {
        if (generation.get() == seen) {
          codeSystems.put(system, snapshot);
        }
      }
    }
    return snapshot.code(code, at);
  }

  /** Drops the cached snapshots; the next lookup reads the tables again. */
  public synchronized void invalidate() {
    generation.incrementAndGet();
    organisation = null;
    codeSystems.clear();
  }

  private OrganisationSnapshot organisation() {
    OrganisationSnapshot snapshot = organisation;
    if (snapshot == null) {
      long seen = generation.get();
      snapshot = read(OrganisationSnapshot::read);
      // A load that finished while this was read must not be hidden by a stale snapshot.
      synchronized (this) {
        if (generation.get() == seen) {
          organisation = snapshot;
        }
      }
    }
    return snapshot;
  }

  private <T> T read(Tx.Work<T> work) {
    try {
      return Tx.single(dataSource, work);
    } catch (CdrException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CdrException(ErrorCode.INTERNAL, "Could not read master data: " + e.getMessage(), e);
    }
  }
}
