package se.region.cdr.bench.corpus.rm;

import static se.region.cdr.bench.corpus.rm.DataValues.codePhrase;
import static se.region.cdr.bench.corpus.rm.DataValues.dvCodedText;
import static se.region.cdr.bench.corpus.rm.DataValues.dvDateTime;
import static se.region.cdr.bench.corpus.rm.DataValues.typed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The COMPOSITION envelope shared by all corpus templates: event category, context, composer. */
public final class Compositions {

  private Compositions() {}

  /**
   * An event COMPOSITION of {@code templateId} started at {@code startTime}, with {@code content}
   * as its content list.
   */
  public static ObjectNode event(
      String archetypeId,
      String templateId,
      String name,
      String startTime,
      String composerName,
      JsonNode... content) {
    ObjectNode composition = Locatables.archetypeRoot("COMPOSITION", archetypeId, name);
    ((ObjectNode) composition.get("archetype_details"))
        .set("template_id", typed("TEMPLATE_ID").put("value", templateId));
    composition.set("language", codePhrase("ISO_639-1", "en"));
    composition.set("territory", codePhrase("ISO_3166-1", "SE"));
    composition.set("category", dvCodedText("event", "openehr", "433"));
    composition.set("composer", typed("PARTY_IDENTIFIED").put("name", composerName));
    ObjectNode context = typed("EVENT_CONTEXT");
    context.set("start_time", dvDateTime(startTime));
    context.set("setting", dvCodedText("other care", "openehr", "238"));
    composition.set("context", context);
    composition.set("content", Locatables.array(content));
    return composition;
  }
}
