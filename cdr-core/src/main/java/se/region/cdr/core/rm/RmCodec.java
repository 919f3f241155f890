package se.region.cdr.core.rm;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nedap.archie.rm.RMObject;
import com.nedap.archie.rm.composition.Composition;
import org.ehrbase.openehr.sdk.serialisation.RMDataFormat;
import org.ehrbase.openehr.sdk.serialisation.flatencoding.FlatFormat;
import org.ehrbase.openehr.sdk.serialisation.flatencoding.FlatJasonProvider;
import org.ehrbase.openehr.sdk.serialisation.jsonencoding.CanonicalJson;
import org.ehrbase.openehr.sdk.serialisation.xmlencoding.CanonicalXML;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ErrorCode;
import se.region.cdr.core.template.TemplateStore;

/**
 * Reads and writes RM objects in the openEHR wire formats: canonical JSON and XML, and the
 * web-template driven FLAT and structured formats. Parse failures become MALFORMED_CONTENT (400).
 */
public final class RmCodec {
  /** Plain Jackson for trees of canonical JSON (the SDK's mapper does RM binding). */
  public static final ObjectMapper JSON = new ObjectMapper();

  private final TemplateStore templates;
  private final CanonicalJson canonicalJson = new CanonicalJson();
  private final FlatJasonProvider flatProvider;

  public RmCodec(TemplateStore templates) {
    this.templates = requireNonNull(templates, "templates is null");
    this.flatProvider = new FlatJasonProvider(templates);
  }

  public <T extends RMObject> T read(String body, CompositionFormat format, String templateId, Class<T> type) {
    if (body == null || body.isBlank()) {
      throw new CdrException(ErrorCode.MALFORMED_CONTENT, "Request body is empty");
    }
    try {
      return switch (format) {
        case JSON -> canonicalJson.unmarshal(body, type);
        case XML -> new CanonicalXML().unmarshal(body, type);
        case FLAT, STRUCTURED -> templateFormat(format, requireTemplateId(templateId)).unmarshal(body, type);
      };
    } catch (CdrException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CdrException(ErrorCode.MALFORMED_CONTENT, "Could not parse " + format + " content: " + rootMessage(e), e);
    }
  }

  public Composition readComposition(String body, CompositionFormat format, String templateId) {
    Composition composition = read(body, format, templateId, Composition.class);
    if (composition == null) {
      throw new CdrException(ErrorCode.MALFORMED_CONTENT, "Content is not a COMPOSITION");
    }
    return composition;
  }

  public String write(RMObject object, CompositionFormat format, String templateId) {
    return switch (format) {
      case JSON -> canonicalJson.marshal(object);
      case XML -> new CanonicalXML().marshal(object);
      case FLAT, STRUCTURED -> templateFormat(format, requireTemplateId(templateId)).marshal(object);
    };
  }

  /**
   * Canonical JSON tree of an RM object: the SDK's canonical JSON mapper writes it straight into
   * a tree, which writes the same text as the canonical JSON (without making and parsing it).
   */
  public ObjectNode toTree(RMObject object) {
    return canonicalTree(object);
  }

  /** {@link #toTree} for callers without a codec (it needs no templates). */
  public static ObjectNode canonicalTree(RMObject object) {
    ObjectNode tree = CanonicalJson.MARSHAL_OM.valueToTree(object);
    dropDerivedItems(tree);
    return tree;
  }

  /**
   * The SDK writes Archie's derived {@code ItemTable#getItems} as an "items" array beside
   * "rows"; ITEM_TABLE has no such attribute in the RM, so it is removed.
   */
  private static void dropDerivedItems(JsonNode node) {
    if (node.isObject()) {
      if ("ITEM_TABLE".equals(node.path("_type").asText()) && node.has("rows")) {
        ((ObjectNode) node).remove("items");
      }
      node.elements().forEachRemaining(RmCodec::dropDerivedItems);
    } else if (node.isArray()) {
      node.elements().forEachRemaining(RmCodec::dropDerivedItems);
    }
  }

  public <T extends RMObject> T fromTree(JsonNode tree, Class<T> type) {
    return canonicalJson.unmarshal(tree.toString(), type);
  }

  private RMDataFormat templateFormat(CompositionFormat format, String templateId) {
    templates.require(templateId);
    return flatProvider.buildFlatJson(format == CompositionFormat.FLAT ? FlatFormat.SIM_SDT : FlatFormat.STRUCTURED, templateId);
  }

  private static String requireTemplateId(String templateId) {
    if (templateId == null || templateId.isBlank()) {
      throw CdrException.badRequest("The FLAT and STRUCTURED formats need the templateId parameter");
    }
    return templateId;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage();
    return message == null ? t.getClass().getSimpleName() : message;
  }
}
