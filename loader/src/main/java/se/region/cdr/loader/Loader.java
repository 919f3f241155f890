package se.region.cdr.loader;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ehr.CompositionService;
import se.region.cdr.core.ehr.EhrService;
import se.region.cdr.core.template.StoredTemplate;
import se.region.cdr.core.template.TemplateStore;
import se.region.cdr.loader.input.LookupRecordReader;
import se.region.cdr.loader.input.RecordReader;
import se.region.cdr.loader.input.RecordReaders;
import se.region.cdr.loader.input.SourceRecord;
import se.region.cdr.loader.mapping.InputFormat;
import se.region.cdr.loader.mapping.Mapping;
import se.region.cdr.loader.mapping.MappingException;
import se.region.cdr.loader.mapping.MappingParser;
import se.region.cdr.loader.mapping.TemplatePaths;
import se.region.cdr.loader.master.MasterDataCheck;
import se.region.cdr.loader.master.MasterDataView;
import se.region.cdr.loader.store.BatchWriter;
import se.region.cdr.loader.store.LoadRunStore;
import se.region.cdr.loader.store.Outcome;
import se.region.cdr.loader.transform.CanonicalShapes;
import se.region.cdr.loader.transform.MappedRecord;
import se.region.cdr.loader.transform.Pseudonymizer;
import se.region.cdr.loader.transform.RecordInfo;
import se.region.cdr.loader.transform.RecordMapper;
import se.region.cdr.loader.transform.Rejection;

/**
 * Runs a load: the main thread reads records in input order and cuts them into batches; worker
 * threads map, pseudonymise and validate whole batches in parallel; a writer thread writes the
 * finished batches strictly in input order ({@link WritePipeline}), one transaction each, on one
 * connection that holds the run's lock. A run interrupted at any point is resumed by the same command: records up to
 * the committed checkpoint are read but not processed again.
 */
public final class Loader {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Loader.class);
  private final DataSource dataSource;
  private final TemplateStore templates;
  private final CompositionService compositions;
  private final String systemId;
  private final LoaderSettings settings;
  private final LoadRunStore runs = new LoadRunStore(EhrService.DEFAULT_TENANT);

  public Loader(DataSource dataSource, TemplateStore templates, CompositionService compositions, String systemId, LoaderSettings settings) {
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
    this.templates = requireNonNull(templates, "templates is null");
    this.compositions = requireNonNull(compositions, "compositions is null");
    this.systemId = requireNonNull(systemId, "systemId is null");
    this.settings = requireNonNull(settings, "settings is null");
  }

  /** Parses a mapping file and checks it against its template: every rule's path must be in it. */
  public Mapping parseAndCheck(String mappingText) {
    Mapping mapping = MappingParser.parse(mappingText);
    templatePaths(mapping).check(mapping);
    return mapping;
  }

  private TemplatePaths templatePaths(Mapping mapping) {
    StoredTemplate template = templates.get(mapping.templateId()).orElseThrow(() -> new MappingException(
        "mapping " + mapping.label() + ": template '" + mapping.templateId() + "' is not uploaded"));
    return TemplatePaths.of(template.webTemplate());
  }

  public LoadReport load(Mapping mapping, Path input, LoadOptions options, ProgressListener progress) {
    if (settings.pseudonymKey() == null) {
      throw new LoaderException(LoaderException.Reason.NOT_CONFIGURED, "CDR_PSEUDONYM_KEY is not set: refusing to load input with subject identities (mapping "
          + mapping.label() + " reads them from '" + mapping.subject().source() + "'); set the region's pseudonym key");
    }
    TemplatePaths paths = templatePaths(mapping);
    paths.check(mapping);
    StoredTemplate template = templates.require(mapping.templateId());
    CanonicalShapes canonicalShapes = new CanonicalShapes(template.webTemplate());
    RecordMapper mapper = new RecordMapper(mapping, new Pseudonymizer(settings.pseudonymKey()), paths.rootId(), canonicalShapes);
    Set<String> constantKeys = mapping.rules().stream().filter(r -> r.source() == null).map(r -> r.path()).collect(Collectors.toSet());
    ContentPreparer preparer = new ContentPreparer(templates, compositions, mapping.templateId(), constantKeys, mapping.input().canonical(),
        canonicalShapes);
    MasterDataCheck masterData = new MasterDataCheck(MasterDataView.of(dataSource), mapping, paths.rootId());
    String sha;
    long bytes;
    try {
      bytes = Files.size(input);
      sha = sha256(input);
    } catch (IOException e) {
      throw new LoaderException(LoaderException.Reason.BAD_INPUT, "Cannot read input " + input + ": " + e.getMessage(), e);
    }
    long started = System.nanoTime();
    ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, options.threads()), r -> {
      Thread t = new Thread(r, "cdr-loader-worker");
      t.setDaemon(true);
      return t;
    });
    try (Connection c = dataSource.getConnection();
        InputStream in = Files.newInputStream(input);
        RecordReader reader = LookupRecordReader.attach(RecordReaders.open(in, mapping.input()), mapping, input)) {
      checkColumns(mapping, reader);
      c.setAutoCommit(true);
      if (!runs.lock(c, mapping, sha)) {
        throw new LoaderException(LoaderException.Reason.BUSY, "Another load of " + options.inputName() + " with mapping " + mapping.label() + " is running");
      }
      LoadRunStore.Run run = runs.startOrResume(c, mapping, options.inputName(), sha, bytes);
      c.setAutoCommit(false);
      BatchWriter writer = new BatchWriter(c, EhrService.DEFAULT_TENANT, template.dbId(), mapping.recordKey().sourceSystem(),
          mapping.subject().namespace(), systemId, run.id(), mapping.label(), record -> prepareOrReject(preparer, record));
      long[] here = {0};
      int capacity = Math.max(2, options.threads() * 2);
      try (WritePipeline pipeline = new WritePipeline(writer, capacity, n -> {
        here[0] += n;
        progress.onBatch(run.lastRecord() + here[0], seconds(started), here[0]);
      })) {
        List<SourceRecord> batch = new ArrayList<>(options.batchSize());
        SourceRecord record;
        while ((record = reader.next()) != null) {
          if (record.number() <= run.lastRecord()) {
            continue; // committed by an earlier, interrupted process of this run
          }
          batch.add(record);
          if (batch.size() == options.batchSize()) {
            List<SourceRecord> work = batch;
            pipeline.submit(workers.submit(() -> process(work, mapper, masterData, preparer, mapping)));
            batch = new ArrayList<>(options.batchSize());
          }
        }
        if (!batch.isEmpty()) {
          List<SourceRecord> work = batch;
          pipeline.submit(workers.submit(() -> process(work, mapper, masterData, preparer, mapping)));
        }
        pipeline.finish();
      } catch (WritePipeline.UncheckedSql e) {
        throw e.sqlException();
      }
      c.setAutoCommit(true);
      LOG.info("Load run {}: {}", run.id(), preparer.stats());
      runs.finish(c, run.id());
      return runs.report(c, run, mapping.label(), seconds(started), here[0]);
    } catch (SQLException e) {
      throw new CdrException(se.region.cdr.core.ErrorCode.INTERNAL, "Database error during load: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new LoaderException(LoaderException.Reason.BAD_INPUT, "Cannot read input " + options.inputName() + ": " + e.getMessage(), e);
    } finally {
      workers.shutdownNow();
    }
  }

  /**
   * The parallel stage for one batch: map every record, skip those already stored unchanged, validate
   * the rest. A canonical composition whose text matched no text shape is validated as soon as it is
   * mapped (one per batch): a shape it teaches then serves the later records of the batch, instead of
   * a whole batch or two going the tree way at the start of each load.
   */
  private List<Outcome> process(List<SourceRecord> batch, RecordMapper mapper, MasterDataCheck masterData, ContentPreparer preparer, Mapping mapping)
      throws SQLException {
    List<Outcome> out = new ArrayList<>(batch.size());
    List<MappedRecord> mapped = new ArrayList<>();
    List<Outcome> preparedEarly = new ArrayList<>(); // by position in mapped
    boolean taught = false;
    for (SourceRecord r : batch) {
      if (!mapper.selected(r)) {
        out.add(new Outcome.Skipped(r.number()));
        continue;
      }
      RecordInfo info = mapper.info(r);
      try {
        MappedRecord m = masterData.check(mapper.map(r, info));
        mapped.add(m);
        // records are matched to text shapes when mapped, so a shape must be taught before the next is mapped
        boolean teach = !taught && m.canonical() != null && !m.canonical().matchedText();
        preparedEarly.add(teach ? prepareOrReject(preparer, m) : null);
        taught |= teach;
        out.add(null); // placeholder, filled below in order
      } catch (Rejection why) {
        // read again: mapping may have found the record unreadable (a composition kept as text that is
        // not JSON), and an unreadable record has no key or subject, as when the reader finds it so
        out.add(new Outcome.Rejected(mapper.info(r), why));
      }
    }
    Map<String, String> storedHashes = storedHashes(mapping, mapped);
    int next = 0;
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i) != null) {
        continue;
      }
      Outcome early = preparedEarly.get(next);
      MappedRecord m = mapped.get(next++);
      out.set(i, m.contentHash().equals(storedHashes.get(m.info().recordKey())) ? new Outcome.SameAsStored(m)
          : early != null ? early : prepareOrReject(preparer, m));
    }
    return out;
  }

  private static Outcome prepareOrReject(ContentPreparer preparer, MappedRecord m) {
    try {
      return preparer.prepare(m);
    } catch (Rejection why) {
      return new Outcome.Rejected(m.info(), why);
    }
  }

  /** Content hashes already stored for the batch's record keys (read outside the write transaction; the writer checks again). */
  private Map<String, String> storedHashes(Mapping mapping, List<MappedRecord> mapped) throws SQLException {
    Map<String, String> out = new HashMap<>();
    if (mapped.isEmpty()) {
      return out;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "select record_key, content_hash from source_record where tenant = ? and source_system = ? and record_key = any(?)")) {
      ps.setShort(1, EhrService.DEFAULT_TENANT);
      ps.setString(2, mapping.recordKey().sourceSystem());
      ps.setArray(3, c.createArrayOf("text", mapped.stream().map(m -> m.info().recordKey()).toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return out;
  }

  /** A CSV must have every column the mapping reads: a load-time error, before any record. */
  private static void checkColumns(Mapping mapping, RecordReader reader) {
    if (mapping.input().format() != InputFormat.CSV || reader.columns() == null) {
      return;
    }
    List<String> missing = mapping.sources().stream()
        .filter(s -> !s.equals(MappingParser.RECORD_KEY) && !reader.columns().contains(s)).toList();
    if (!missing.isEmpty()) {
      throw new MappingException("mapping " + mapping.label() + " reads column(s) " + missing + " which the input does not have (columns: "
          + reader.columns() + ")");
    }
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      byte[] buffer = new byte[1 << 16];
      while (in.read(buffer) >= 0) {
        // digesting
      }
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
