package se.region.cdr.server;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import se.region.cdr.aql.AqlService;
import se.region.cdr.aql.StoredQueries;
import se.region.cdr.core.CdrConfig;
import se.region.cdr.core.db.Database;
import se.region.cdr.core.ehr.CompositionService;
import se.region.cdr.core.ehr.ContributionService;
import se.region.cdr.core.ehr.DirectoryService;
import se.region.cdr.core.ehr.EhrService;
import se.region.cdr.core.rm.RmCodec;
import se.region.cdr.core.template.TemplateStore;
import se.region.cdr.loader.Loader;
import se.region.cdr.loader.LoaderSettings;
import se.region.cdr.loader.MappingCatalog;

/** The wired services of one running CDR: database, templates, codecs and the EHR services. */
public final class Cdr implements AutoCloseable {
  private final CdrConfig config;
  private final Database database;
  private final TemplateStore templates;
  private final RmCodec codec;
  private final EhrService ehrs;
  private final CompositionService compositions;
  private final ContributionService contributions;
  private final DirectoryService directories;
  private final AqlService aql;
  private final StoredQueries storedQueries;

  private Cdr(CdrConfig config, Database database) {
    this.config = requireNonNull(config, "config is null");
    this.database = requireNonNull(database, "database is null");
    this.templates = new TemplateStore(database.dataSource());
    this.codec = new RmCodec(templates);
    this.ehrs = new EhrService(database.dataSource(), codec, config.systemId());
    this.compositions = new CompositionService(database.dataSource(), codec, templates, ehrs);
    this.contributions = new ContributionService(database.dataSource(), codec, ehrs, compositions);
    this.directories = new DirectoryService(database.dataSource(), codec, ehrs);
    this.aql = new AqlService(database.dataSource(), config.systemId(), Duration.ofMillis(config.queryTimeoutMs()), config.queryRowCap());
    this.storedQueries = new StoredQueries(database.dataSource());
  }

  /** Starts the database, applies migrations, loads stored and bundled templates. */
  public static Cdr start(CdrConfig config) {
    Database database = Database.start(config);
    Cdr cdr = new Cdr(config, database);
    cdr.templates.loadAll();
    BundledTemplates.load(cdr.templates);
    return cdr;
  }

  public CdrConfig config() {
    return config;
  }

  public Database database() {
    return database;
  }

  public TemplateStore templates() {
    return templates;
  }

  public RmCodec codec() {
    return codec;
  }

  public EhrService ehrs() {
    return ehrs;
  }

  public CompositionService compositions() {
    return compositions;
  }

  public ContributionService contributions() {
    return contributions;
  }

  public DirectoryService directories() {
    return directories;
  }

  public AqlService aql() {
    return aql;
  }

  public StoredQueries storedQueries() {
    return storedQueries;
  }

  /** The bulk loader, with the pseudonym key as configured now (CDR_PSEUDONYM_KEY). */
  public Loader loader() {
    return new Loader(database.dataSource(), templates, compositions, config.systemId(), LoaderSettings.fromEnvironment());
  }

  /** The loader's mappings: shipped ones and those uploaded over REST. */
  public MappingCatalog mappings() {
    return new MappingCatalog(database.dataSource(), loader());
  }

  @Override
  public void close() {
    database.close();
  }
}
