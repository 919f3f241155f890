package se.region.cdr.core.template;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.apache.xmlbeans.XmlCursor;
import org.apache.xmlbeans.XmlError;
import org.apache.xmlbeans.XmlException;
import org.apache.xmlbeans.XmlObject;
import org.apache.xmlbeans.XmlOptions;
import org.ehrbase.openehr.sdk.webtemplate.templateprovider.TemplateProvider;
import org.openehr.schemas.v1.OPERATIONALTEMPLATE;
import org.openehr.schemas.v1.TemplateDocument;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ErrorCode;

/**
 * The operational templates (OPT 1.4 XML) known to the CDR: persisted in the {@code template}
 * table, parsed once and kept in memory. Also the SDK's {@link TemplateProvider}.
 */
public final class TemplateStore implements TemplateProvider {
  private final DataSource dataSource;
  private final Map<String, StoredTemplate> byId = new ConcurrentHashMap<>();

  public TemplateStore(DataSource dataSource) {
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
  }

  /** Loads every stored template into memory. */
  public void loadAll() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("select id, opt_xml, created_at from template");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        OPERATIONALTEMPLATE opt = read(rs.getString(2)); // checked when it was uploaded
        StoredTemplate t = new StoredTemplate(rs.getInt(1), opt, rs.getString(2), rs.getObject(3, OffsetDateTime.class));
        byId.put(t.templateId(), t);
      }
    } catch (SQLException e) {
      throw new CdrException(ErrorCode.INTERNAL, "Could not load templates", e);
    }
  }

  /**
   * Parses, checks and stores an OPT. Throws INVALID_TEMPLATE (400) for a document that is not a
   * valid OPT 1.4 and CONFLICT (409) when a template with the same id exists.
   */
  public StoredTemplate add(String optXml) {
    return insert(parse(optXml), optXml);
  }

  private StoredTemplate insert(OPERATIONALTEMPLATE opt, String optXml) {
    String templateId = opt.getTemplateId().getValue();
    if (byId.containsKey(templateId)) {
      throw CdrException.conflict("Template with id " + templateId + " already exists");
    }
    String sql =
        "insert into template (template_id, concept, root_archetype_id, opt_xml) values (?,?,?,?)"
            + " on conflict (template_id) do nothing returning id, created_at";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, templateId);
      ps.setString(2, opt.getConcept());
      ps.setString(3, opt.getDefinition().getArchetypeId().getValue());
      ps.setString(4, optXml);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw CdrException.conflict("Template with id " + templateId + " already exists");
        }
        StoredTemplate t = new StoredTemplate(rs.getInt(1), opt, optXml, rs.getObject(2, OffsetDateTime.class));
        byId.put(templateId, t);
        return t;
      }
    } catch (SQLException e) {
      throw new CdrException(ErrorCode.INTERNAL, "Could not store template " + templateId, e);
    }
  }

  /** Adds the template unless one with the same id is stored already; returns whether it was added. */
  public boolean addIfAbsent(String optXml) {
    OPERATIONALTEMPLATE opt = parse(optXml);
    if (byId.containsKey(opt.getTemplateId().getValue())) {
      return false;
    }
    try {
      insert(opt, optXml);
      return true;
    } catch (CdrException e) {
      if (e.errorCode() == ErrorCode.CONFLICT) {
        return false;
      }
      throw e;
    }
  }

  public Optional<StoredTemplate> get(String templateId) {
    return Optional.ofNullable(templateId == null ? null : byId.get(templateId));
  }

  public StoredTemplate require(String templateId) {
    return get(templateId).orElseThrow(() -> CdrException.notFound("Template with id " + templateId + " not found"));
  }

  public List<StoredTemplate> list() {
    List<StoredTemplate> all = new ArrayList<>(byId.values());
    all.sort(Comparator.comparing(StoredTemplate::templateId));
    return all;
  }

  @Override
  public Optional<OPERATIONALTEMPLATE> find(String templateId) {
    return get(templateId).map(StoredTemplate::opt);
  }

  /**
   * Schema errors of the template's header: a copy without the constraint trees (definition,
   * template-level constraints) is validated. Deviations inside that tree (e.g. {@code match_negated} before {@code children},
   * written by common template tools) are accepted, as EHRbase and the SDK parser accept them;
   * a broken header (missing, repeated or unknown top-level elements) is not. Validating only the
   * header also keeps upload time linear: XMLBeans builds each error's location in time
   * proportional to the document, so a large OPT with many such deviations took minutes.
   */
  private static List<String> headerErrors(OPERATIONALTEMPLATE opt) {
    OPERATIONALTEMPLATE header = (OPERATIONALTEMPLATE) opt.copy();
    List<XmlObject> trees = new ArrayList<>(List.of(header.selectChildren(OPT_NS, "definition")));
    trees.addAll(List.of(header.selectChildren(OPT_NS, "constraints")));
    for (XmlObject tree : trees) {
      for (XmlObject attribute : tree.selectChildren(OPT_NS, "attributes")) {
        XmlCursor cursor = attribute.newCursor();
        cursor.removeXml();
        cursor.dispose();
      }
    }
    List<XmlError> errors = new ArrayList<>();
    header.validate(new XmlOptions().setErrorListener(errors));
    return errors.stream().limit(20).map(XmlError::getMessage).toList();
  }

  private static final String OPT_NS = "http://schemas.openehr.org/v1";

  /** Parses an OPT 1.4 document and checks its header against the schema. */
  static OPERATIONALTEMPLATE parse(String optXml) {
    OPERATIONALTEMPLATE opt = read(optXml);
    List<String> headerErrors = headerErrors(opt);
    if (!headerErrors.isEmpty()) {
      throw new CdrException(ErrorCode.INVALID_TEMPLATE, "Template does not conform to the OPT 1.4 schema: " + headerErrors.get(0), headerErrors, null);
    }
    if (opt.getTemplateId() == null || opt.getTemplateId().getValue() == null || opt.getTemplateId().getValue().isBlank()) {
      throw new CdrException(ErrorCode.INVALID_TEMPLATE, "Template has no template_id");
    }
    if (opt.getConcept() == null || opt.getConcept().isBlank()) {
      throw new CdrException(ErrorCode.INVALID_TEMPLATE, "Template has no concept");
    }
    if (opt.getDefinition() == null) {
      throw new CdrException(ErrorCode.INVALID_TEMPLATE, "Template has no definition");
    }
    return opt;
  }

  /** Parses an OPT 1.4 document (XML binding only, no checks). */
  static OPERATIONALTEMPLATE read(String optXml) {
    if (optXml == null || optXml.isBlank()) {
      throw new CdrException(ErrorCode.INVALID_TEMPLATE, "Template document is empty");
    }
    OPERATIONALTEMPLATE opt;
    try {
      XmlOptions options = new XmlOptions().setLoadStripWhitespace();
      opt = TemplateDocument.Factory.parse(new ByteArrayInputStream(optXml.getBytes(StandardCharsets.UTF_8)), options).getTemplate();
    } catch (XmlException | java.io.IOException | RuntimeException e) {
      throw new CdrException(ErrorCode.INVALID_TEMPLATE, "Template is not a parsable OPT 1.4 document: " + e.getMessage(), e);
    }
    if (opt == null) {
      throw new CdrException(ErrorCode.INVALID_TEMPLATE, "Document has no <template> root element of the OPT 1.4 schema");
    }
    return opt;
  }
}
