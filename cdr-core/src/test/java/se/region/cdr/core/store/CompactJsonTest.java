package se.region.cdr.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The context-dependent omissions of the stored form (event time, held default types, the
 * composition's archetype details), and that rows stored before them still decode.
 */
class CompactJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BP = "openEHR-EHR-OBSERVATION.blood_pressure.v2";

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
  }

  private static ObjectNode observation() throws Exception {
    return json("{'_type':'OBSERVATION','name':{'_type':'DV_TEXT','value':'Blood pressure'},'archetype_node_id':'" + BP + "',"
        + "'data':{'name':{'_type':'DV_TEXT','value':'History'},'archetype_node_id':'at0001',"
        + "'origin':{'_type':'DV_DATE_TIME','value':'2015-04-28T18:21:33Z'},'events':["
        + "{'_type':'POINT_EVENT','name':{'_type':'DV_TEXT','value':'Any event'},'archetype_node_id':'at0006',"
        + "'time':{'_type':'DV_DATE_TIME','value':'2015-04-28T18:21:33Z'},"
        + "'data':{'_type':'ITEM_TREE','name':{'_type':'DV_TEXT','value':'blood pressure'},'archetype_node_id':'at0003','items':["
        + "{'_type':'ELEMENT','name':{'_type':'DV_TEXT','value':'Systolic'},'archetype_node_id':'at0004',"
        + "'value':{'_type':'DV_QUANTITY','magnitude':170.0,'units':'mm[Hg]','precision':0}},"
        + "{'_type':'ELEMENT','name':{'_type':'DV_TEXT','value':'Comment'},'archetype_node_id':'at0033',"
        + "'value':{'_type':'DV_TEXT','value':'sitting'}}]}},"
        + "{'_type':'POINT_EVENT','name':{'_type':'DV_TEXT','value':'Later'},'archetype_node_id':'at0006',"
        + "'time':{'_type':'DV_DATE_TIME','value':'2015-04-28T18:31:33Z'},"
        + "'data':{'_type':'ITEM_LIST','archetype_node_id':'at0003','name':{'_type':'DV_TEXT','value':'list'},'items':[]}}]}}");
  }

  private static ContentNode node(ObjectNode data, int parentNum) {
    String archetype = data.get("archetype_node_id").asText();
    return new ContentNode(parentNum + 1, parentNum + 1, parentNum, archetype, data.get("_type").asText(), data);
  }

  @Test
  void eventTimeEqualToOriginAndHeldDefaultTypesAreLeftOut() throws Exception {
    ObjectNode canonical = observation();
    ObjectNode stored = CompactJson.encode(node(canonical, 0), null);
    JsonNode events = stored.get("D").get("E");
    assertFalse(events.get(0).has("TM"), stored::toString);
    assertEquals("2015-04-28T18:31:33Z", events.get(1).get("TM").asText());
    assertFalse(events.get(0).get("D").has("T"), "ITEM_TREE of an EVENT's data");
    assertEquals("ITEM_LIST", events.get(1).get("D").get("T").asText());
    assertFalse(events.get(0).get("D").get("I").get(0).get("V").has("T"), "DV_QUANTITY of an ELEMENT's value");
    assertEquals("DV_TEXT", events.get(0).get("D").get("I").get(1).get("V").get("T").asText());

    ObjectNode decoded = CompactJson.decode(stored, BP, "OBSERVATION", false, null);
    decoded.remove(java.util.List.of("archetype_details", "language", "encoding", "subject"));
    assertEquals(canonical, decoded);
  }

  @Test
  void valuesFoundByPathDecodeWithTheirHolder() throws Exception {
    ObjectNode canonical = observation();
    ObjectNode stored = CompactJson.encode(node(canonical, 0), null);
    JsonNode event = stored.get("D").get("E").get(0);
    JsonNode canonicalEvent = canonical.get("data").get("events").get(0);
    assertEquals(canonicalEvent.get("data"), CompactJson.decodeAttribute("events/data", event.get("D"), false));
    JsonNode quantity = event.get("D").get("I").get(0).get("V");
    assertEquals(canonicalEvent.get("data").get("items").get(0).get("value"), CompactJson.decodeAttribute("items/value", quantity, false));
    assertEquals(canonicalEvent.get("data").get("items").get(0).get("value"), CompactJson.decodeAttribute("value", quantity, false));
    assertEquals(canonical.get("data"), CompactJson.decodeAttribute("data", stored.get("D"), false));
    assertEquals("ITEM_TREE", CompactJson.defaultType("events", "data"));
    assertEquals("DV_QUANTITY", CompactJson.defaultType("items", "value"));
  }

  @Test
  void rowsStoredBeforeTheseOmissionsStillDecode() throws Exception {
    ObjectNode old = json("{'D':{'A':'at0001','E':[{'A':'at0006','D':{'A':'at0003','I':[{'A':'at0004','N':'Systolic',"
        + "'V':{'M':170.0,'P':0,'T':'DV_QUANTITY','U':'mm[Hg]'}}],'N':'blood pressure','T':'ITEM_TREE'},'N':'Any event',"
        + "'TM':'2015-04-28T18:21:33Z'}],'N':'History','O':'2015-04-28T18:21:33Z'},'N':'Blood pressure'}");
    ObjectNode decoded = CompactJson.decode(old, BP, "OBSERVATION", false, null);
    JsonNode event = decoded.get("data").get("events").get(0);
    assertEquals("POINT_EVENT", event.get("_type").asText());
    assertEquals("2015-04-28T18:21:33Z", event.get("time").get("value").asText());
    assertEquals("ITEM_TREE", event.get("data").get("_type").asText());
    assertEquals("DV_QUANTITY", event.get("data").get("items").get(0).get("value").get("_type").asText());
    assertEquals(decoded, CompactJson.decode(CompactJson.encode(node(decoded, 0), null), BP, "OBSERVATION", false, null));
  }

  @Test
  void compositionArchetypeDetailsAreStoredAsTheTemplateId() throws Exception {
    String archetype = "openEHR-EHR-COMPOSITION.encounter.v1";
    ObjectNode root = json("{'_type':'COMPOSITION','archetype_node_id':'" + archetype + "','name':{'_type':'DV_TEXT','value':'Vitals'},"
        + "'archetype_details':{'archetype_id':{'value':'" + archetype + "'},'template_id':{'value':'EHRN Vital signs.v2'},'rm_version':'1.0.4'},"
        + "'language':{'_type':'CODE_PHRASE','terminology_id':{'_type':'TERMINOLOGY_ID','value':'ISO_639-1'},'code_string':'sv'},"
        + "'territory':{'_type':'CODE_PHRASE','terminology_id':{'_type':'TERMINOLOGY_ID','value':'ISO_3166-1'},'code_string':'SE'},"
        + "'composer':{'_type':'PARTY_IDENTIFIED','name':'Ward nurse'},"
        + "'category':{'_type':'DV_CODED_TEXT','value':'event','defining_code':{'_type':'CODE_PHRASE','terminology_id':{'_type':'TERMINOLOGY_ID','value':'openehr'},'code_string':'433'}}}");
    ObjectNode stored = CompactJson.encode(new ContentNode(0, 0, -1, archetype, "COMPOSITION", root), null);
    assertEquals("EHRN Vital signs.v2", stored.get("AD").asText());
    assertEquals(json("{'CS':'sv'}"), stored.get("L"));
    assertEquals(json("{'CS':'SE'}"), stored.get("TE"));
    assertEquals(json("{'N':'Ward nurse'}"), stored.get("CP"));
    assertEquals(root.get("language"), CompactJson.decodeAttribute("language", stored.get("L"), false));
    assertEquals(json("{'V':'event','C':{'CS':'433'}}"), stored.get("CA"));
    assertEquals(root.get("category"), CompactJson.decodeAttribute("category", stored.get("CA"), false));
    assertEquals(root.get("category").get("defining_code"), CompactJson.decodeAttribute("category/defining_code", stored.get("CA").get("C"), false));
    assertEquals(root, CompactJson.decode(stored, archetype, "COMPOSITION", true, null));

    ObjectNode typed = root.deepCopy();
    ((ObjectNode) typed.get("archetype_details")).put("_type", "ARCHETYPED");
    ObjectNode kept = CompactJson.encode(new ContentNode(0, 0, -1, archetype, "COMPOSITION", typed), null);
    assertEquals(typed, CompactJson.decode(kept, archetype, "COMPOSITION", true, null));
  }
}
