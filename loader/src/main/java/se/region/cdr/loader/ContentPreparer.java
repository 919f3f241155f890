package se.region.cdr.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.nedap.archie.rm.composition.Composition;
import java.util.List;
import org.ehrbase.openehr.sdk.serialisation.RMDataFormat;
import org.ehrbase.openehr.sdk.serialisation.flatencoding.FlatFormat;
import org.ehrbase.openehr.sdk.serialisation.flatencoding.FlatJasonProvider;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ErrorCode;
import se.region.cdr.core.ehr.CompositionService;
import se.region.cdr.core.ehr.CompositionService.Prepared;
import se.region.cdr.core.store.CompactJson;
import se.region.cdr.core.store.ContentNode;
import se.region.cdr.core.template.TemplateStore;
import se.region.cdr.loader.transform.MappedRecord;
import se.region.cdr.loader.store.Outcome;
import se.region.cdr.loader.transform.Rejection;

/**
 * FLAT to canonical RM with the SDK's FLAT (simSDT) reader, then the same preparation the REST API
 * applies to a POSTed composition ({@link CompositionService#prepare}: validation against the
 * OPT, split into content nodes), then each node in its stored compact form. The SDK reader is
 * built once per thread (building it parses the OPT into a web template).
 */
final class ContentPreparer {
  private final CompositionService compositions;
  private final ThreadLocal<RMDataFormat> flat;

  ContentPreparer(TemplateStore templates, CompositionService compositions, String templateId) {
    this.compositions = compositions;
    FlatJasonProvider provider = new FlatJasonProvider(templates);
    this.flat = ThreadLocal.withInitial(() -> provider.buildFlatJson(FlatFormat.SIM_SDT, templateId));
  }

  Outcome.Ready prepare(MappedRecord record) throws Rejection {
    Composition composition;
    try {
      composition = flat.get().unmarshal(record.flat().toString(), Composition.class);
    } catch (RuntimeException e) {
      throw new Rejection(Rejection.NOT_FLAT, null, null, "the FLAT content was not accepted: " + rootMessage(e));
    }
    Prepared prepared;
    try {
      prepared = compositions.prepare(composition);
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
    List<ContentNode> nodes = prepared.content().nodes();
    JsonNode language = nodes.get(0).data().get("language");
    String[] stored = new String[nodes.size()];
    for (int i = 0; i < stored.length; i++) {
      stored[i] = CompactJson.encode(nodes.get(i), language).toString();
    }
    return new Outcome.Ready(record, prepared.content(), stored);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
