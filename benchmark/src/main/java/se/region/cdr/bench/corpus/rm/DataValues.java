package se.region.cdr.bench.corpus.rm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Canonical JSON nodes for the openEHR RM data types the corpus uses (DV_*, CODE_PHRASE). */
public final class DataValues {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private DataValues() {}

  /** A node with its {@code _type} set, the first field of every canonical RM object. */
  public static ObjectNode typed(String rmType) {
    ObjectNode node = JSON.objectNode();
    node.put("_type", rmType);
    return node;
  }

  public static ObjectNode codePhrase(String terminology, String code) {
    ObjectNode terminologyId = typed("TERMINOLOGY_ID").put("value", terminology);
    ObjectNode phrase = typed("CODE_PHRASE");
    phrase.set("terminology_id", terminologyId);
    phrase.put("code_string", code);
    return phrase;
  }

  public static ObjectNode dvText(String value) {
    return typed("DV_TEXT").put("value", value);
  }

  public static ObjectNode dvCodedText(String value, String terminology, String code) {
    ObjectNode text = typed("DV_CODED_TEXT").put("value", value);
    text.set("defining_code", codePhrase(terminology, code));
    return text;
  }

  public static ObjectNode dvDateTime(String isoValue) {
    return typed("DV_DATE_TIME").put("value", isoValue);
  }

  /** A DV_QUANTITY; {@code precision} is the number of decimals the template allows. */
  public static ObjectNode dvQuantity(double magnitude, String units, int precision) {
    return typed("DV_QUANTITY")
        .put("magnitude", magnitude)
        .put("units", units)
        .put("precision", precision);
  }

  /** A percent DV_PROPORTION (type 2, denominator 100). */
  public static ObjectNode dvPercent(double numerator) {
    return typed("DV_PROPORTION")
        .put("numerator", numerator)
        .put("denominator", 100.0)
        .put("type", 2);
  }
}
