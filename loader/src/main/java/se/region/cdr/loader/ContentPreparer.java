package se.region.cdr.loader;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nedap.archie.rm.composition.Composition;
import java.util.List;
import java.util.Set;
import org.ehrbase.openehr.sdk.serialisation.flatencoding.FlatFormat;
import org.ehrbase.openehr.sdk.serialisation.flatencoding.FlatJasonProvider;
import org.ehrbase.openehr.sdk.serialisation.jsonencoding.CanonicalJson;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ErrorCode;
import se.region.cdr.core.ehr.CompositionService;
import se.region.cdr.core.ehr.CompositionService.Prepared;
import se.region.cdr.core.store.CompositionStore.Content;
import se.region.cdr.core.store.ContentNode;
import se.region.cdr.core.store.ContentNodes;
import se.region.cdr.core.store.StoredContent;
import se.region.cdr.core.template.TemplateStore;
import se.region.cdr.loader.transform.CanonicalInput;
import se.region.cdr.loader.transform.CanonicalShapes;
import se.region.cdr.loader.transform.FlatShape;
import se.region.cdr.loader.transform.FlatShapes;
import se.region.cdr.loader.transform.MappedRecord;
import se.region.cdr.loader.store.Outcome;
import se.region.cdr.loader.transform.Rejection;

/**
 * FLAT to canonical RM with the SDK's FLAT (simSDT) reader, then the same preparation the REST API
 * applies to a POSTed composition ({@link CompositionService#prepare}: validation against the
 * OPT, split into content nodes), then each node in its stored compact form. The SDK reader is
 * built once per thread (building it parses the OPT into a web template).
 *
 * <p>Fast path, per record shape ({@link FlatShapes}): the first record of a shape goes the full
 * way above; when it is valid and the shape's patched tree equals the SDK reader's tree for it, the
 * shape's structure is known valid, and later records of the shape are patched into a copy of the
 * shape's tree and only their values are checked ({@link FlatShape#leavesPass}). A record whose
 * values do not pass goes the full way, so rejections and their paths are the full validator's.
 */
final class ContentPreparer {
  private final CompositionService compositions;
  private final FlatShapes shapes;
  private final CanonicalShapes canonicalShapes;
  private final String templateId;
  private final boolean canonical;

  /**
   * @param constantKeys the mapping's constant FLAT keys (same value in every record)
   * @param canonical whether the records carry whole canonical compositions (for the load log)
   * @param canonicalShapes the shapes of the template's canonical compositions (shared with the record mapper, which matches texts to them)
   */
  ContentPreparer(TemplateStore templates, CompositionService compositions, String templateId, Set<String> constantKeys, boolean canonical,
      CanonicalShapes canonicalShapes) {
    this.compositions = compositions;
    this.templateId = templateId;
    this.canonical = canonical;
    FlatJasonProvider provider = new FlatJasonProvider(templates);
    this.shapes = new FlatShapes(ThreadLocal.withInitial(() -> provider.buildFlatJson(FlatFormat.SIM_SDT, templateId)),
        templates.require(templateId).webTemplate(), constantKeys);
    this.canonicalShapes = canonicalShapes;
  }

  /** How many records were patched and how many went through the SDK reader. */
  String stats() {
    return canonical ? "canonical input: " + canonicalShapes.stats() : "FLAT to canonical: " + shapes.stats();
  }

  Outcome.Ready prepare(MappedRecord record) throws Rejection {
    return record.canonical() != null ? prepareCanonical(record) : prepareFlat(record);
  }

  /**
   * A whole canonical composition: from its text when that matched a checked shape's text and its
   * values pass ({@link CanonicalShapes}), else on its tree, else read as RM and prepared as a REST
   * POST is.
   */
  private Outcome.Ready prepareCanonical(MappedRecord record) throws Rejection {
    CanonicalInput canonical = record.canonical();
    StoredContent fromText = canonical.fromText();
    if (fromText != null) {
      canonicalShapes.countByText();
      return new Outcome.Ready(record, fromText);
    }
    ObjectNode input = canonical.tree();
    String inputTemplate = input.path("archetype_details").path("template_id").path("value").asText(null);
    if (!templateId.equals(inputTemplate)) {
      throw new Rejection(Rejection.WRONG_TEMPLATE, "/archetype_details/template_id", null,
          "the composition is of template '" + inputTemplate + "', the mapping loads '" + templateId + "'");
    }
    CanonicalShapes.Shape shape = canonicalShapes.shape(input);
    if (shape != null && shape.checked() && shape.normaliseAndCheck(input)) {
      List<ContentNode> nodes = ContentNodes.split(input);
      if (nodes.size() == shape.archetypeIds().length) {
        canonicalShapes.countFast();
        StoredContent content = StoredContent.of(new Content(nodes, shape.archetypeIds(), CompositionService.startTime(input)));
        canonical.storedFromTree(content.data());
        return new Outcome.Ready(record, content);
      }
    }
    canonicalShapes.countFull();
    Composition composition;
    try {
      composition = CanonicalJson.MARSHAL_OM.treeToValue(input, Composition.class);
    } catch (Exception e) {
      throw new Rejection(Rejection.NOT_CANONICAL, null, null, "not a canonical openEHR composition: " + rootMessage(e));
    }
    Prepared prepared = prepareOrReject(composition);
    if (shape != null && !shape.checked()) {
      canonicalShapes.learn(shape, input, composition, prepared.tree(), prepared.content().archetypeIds());
    }
    return ready(record, prepared.content());
  }

  private Outcome.Ready prepareFlat(MappedRecord record) throws Rejection {
    FlatShape shape = shapes.shape(record.flat());
    if (shape.unusable() == null && shape.structureChecked()) {
      ObjectNode tree = shape.patch(record.flat());
      if (tree != null && shape.leavesPass(tree)) {
        List<ContentNode> nodes = ContentNodes.split(tree);
        if (nodes.size() == shape.archetypeIds().length) {
          shapes.countPatched();
          return ready(record, new Content(nodes, shape.archetypeIds(), CompositionService.startTime(tree)));
        }
      }
    }
    shapes.countViaSdk();
    Composition composition;
    try {
      composition = shapes.read(record.flat());
    } catch (RuntimeException e) {
      throw new Rejection(Rejection.NOT_FLAT, null, null, "the FLAT content was not accepted: " + rootMessage(e));
    }
    Prepared prepared = prepareOrReject(composition);
    if (shape.unusable() == null && !shape.structureChecked() && prepared.tree().equals(shape.patch(record.flat()))) {
      shape.markStructureChecked(prepared.content().archetypeIds());
    }
    return ready(record, prepared.content());
  }

  /** {@link CompositionService#prepare}: the REST API's validation and split; a validation failure becomes a rejection naming the first path. */
  private Prepared prepareOrReject(Composition composition) throws Rejection {
    try {
      return compositions.prepare(composition);
    } catch (CdrException e) {
      if (e.errorCode() != ErrorCode.VALIDATION_FAILED) {
        throw e;
      }
      List<String> details = e.details();
      String first = details.isEmpty() ? "/" : details.get(0);
      int colon = first.indexOf(": ");
      throw new Rejection(Rejection.VALIDATION, colon > 0 ? first.substring(0, colon) : null, null,
          details.isEmpty() ? e.getMessage() : String.join("; ", details));
    }
  }

  private static Outcome.Ready ready(MappedRecord record, Content content) {
    return new Outcome.Ready(record, StoredContent.of(content));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
