package se.region.cdr.core.template;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Paths derived from the OPT definition: roots, open slots, open objects and attributes, internal references. */
class NodePathsTest {
  private static final String EVALUATION = "/content[openEHR-EHR-EVALUATION.validation_evaliation_test.v";
  private static final String SECTION = "/content[openEHR-EHR-SECTION.validation_section_test.v0]";
  private static final String OBSERVATION = "/content[openEHR-EHR-OBSERVATION.validation_observation_test.v0]";

  private static NodePaths clinicalContentValidation() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolveSibling("shared").resolve("reference-data"))) {
      dir = dir.getParent();
    }
    Path opt = dir.resolveSibling("shared").resolve("reference-data")
        .resolve("integration-tests/tests/robot/_resources/test_data_sets/valid_templates/validation/clinical_content_validation.opt");
    return NodePaths.of(TemplateStore.parse(Files.readString(opt)));
  }

  @Test
  void everyArchetypeRootOfTheOptIsAllowed() throws IOException {
    NodePaths paths = clinicalContentValidation();
    for (int v = 0; v <= 3; v++) {
      assertTrue(paths.allows(EVALUATION + v + "]"), "EVALUATION v" + v);
      assertTrue(paths.allows(EVALUATION + v + "]/data[at0001]"), "EVALUATION v" + v + " data");
    }
    assertTrue(paths.allows(OBSERVATION + "/data[at0001]/events[at0002]/data[at0003]"));
  }

  @Test
  void belowAnUnconstrainedObjectEverythingIsAllowed() throws IOException {
    NodePaths paths = clinicalContentValidation();
    assertTrue(paths.allows(SECTION + "/items[openEHR-EHR-OBSERVATION.any.v1]"));
    assertTrue(paths.allows(SECTION + "/items[openEHR-EHR-SECTION.other.v0]/items[openEHR-EHR-EVALUATION.x.v0]/data[at0001]"));
    assertTrue(paths.allows(OBSERVATION + "/data[at0001]/events[at0002]/data[at0003]/items[at0042]"));
  }

  @Test
  void nodesTheDefinitionDoesNotHaveAreRefused() throws IOException {
    NodePaths paths = clinicalContentValidation();
    assertFalse(paths.allows("/content[openEHR-EHR-EVALUATION.validation_evaliation_test.v9]"));
    assertFalse(paths.allows(OBSERVATION + "/protocol[at0099]"));
    assertFalse(paths.allows(OBSERVATION + "/data[at0001]/events[at0009]"));
    assertFalse(paths.allows(SECTION + "x"));
    assertFalse(paths.allows("/content[openEHR-EHR-SECTION.validation_section_test.v0"));
  }

  @Test
  void slotsOpenAttributesAndInternalReferences() {
    String slot = "<children xsi:type=\"ARCHETYPE_SLOT\"><rm_type_name>CLUSTER</rm_type_name><node_id>at0005</node_id></children>";
    String cluster = object("CLUSTER", "at0004", attribute("items", ref("CLUSTER", "/data[at0001]/events[at0002]/data[at0003]/items[at0004]")));
    String tree = object("ITEM_TREE", "at0003", attribute("items", cluster + slot));
    String event = object("EVENT", "at0002", attribute("data", tree));
    String stateEvent = object("EVENT", "at0006", attribute("state", ref("ITEM_TREE", "/data[at0001]/events[at0002]/data[at0003]")));
    String openProtocol = "<attributes xsi:type=\"C_SINGLE_ATTRIBUTE\"><rm_attribute_name>protocol</rm_attribute_name></attributes>";
    String observation = archetypeRoot("OBSERVATION", "openEHR-EHR-OBSERVATION.o.v1",
        attribute("data", object("HISTORY", "at0001", attribute("events", event + stateEvent))) + openProtocol);
    NodePaths paths = NodePaths.of(TemplateStore.read(OPT.formatted(attribute("content", observation))));
    String events = "/content[openEHR-EHR-OBSERVATION.o.v1]/data[at0001]/events";
    assertTrue(paths.allows(events + "[at0002]/data[at0003]/items[at0004]"));
    assertTrue(paths.allows(events + "[at0002]/data[at0003]/items[openEHR-EHR-CLUSTER.device.v1]/items[at0001]"), "slot");
    assertTrue(paths.allows(events + "[at0002]/data[at0003]/items[at0004]/items[at0004]/items[at0004]"), "recursive reference");
    assertTrue(paths.allows(events + "[at0006]/state[at0003]/items[at0004]"), "reference");
    assertTrue(paths.allows("/content[openEHR-EHR-OBSERVATION.o.v1]/protocol[at0010]/items[at0011]"), "open attribute");
    assertFalse(paths.allows(events + "[at0006]/data[at0003]"));
    assertFalse(paths.allows(events + "[at0002]/data[at0003]/items[at0007]"), "a slot takes archetype roots only");
    assertFalse(paths.allows("/content[openEHR-EHR-OBSERVATION.o.v1]/protocolx[at0010]"));
  }

  private static final String OPT = """
      <template xmlns="http://schemas.openehr.org/v1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <language><terminology_id><value>ISO_639-1</value></terminology_id><code_string>en</code_string></language>
        <concept>t</concept><template_id><value>t</value></template_id>
        <definition><rm_type_name>COMPOSITION</rm_type_name><node_id>at0000</node_id>%s
          <archetype_id><value>openEHR-EHR-COMPOSITION.c.v1</value></archetype_id></definition>
      </template>""";

  private static String attribute(String name, String children) {
    return "<attributes xsi:type=\"C_MULTIPLE_ATTRIBUTE\"><rm_attribute_name>" + name + "</rm_attribute_name>" + children + "</attributes>";
  }

  private static String object(String type, String nodeId, String attributes) {
    return "<children xsi:type=\"C_COMPLEX_OBJECT\"><rm_type_name>" + type + "</rm_type_name><node_id>" + nodeId + "</node_id>"
        + attributes + "</children>";
  }

  private static String archetypeRoot(String type, String archetypeId, String attributes) {
    return "<children xsi:type=\"C_ARCHETYPE_ROOT\"><rm_type_name>" + type + "</rm_type_name><node_id>at0000</node_id>" + attributes
        + "<archetype_id><value>" + archetypeId + "</value></archetype_id></children>";
  }

  private static String ref(String type, String targetPath) {
    return "<children xsi:type=\"ARCHETYPE_INTERNAL_REF\"><rm_type_name>" + type + "</rm_type_name><node_id/><target_path>"
        + targetPath + "</target_path></children>";
  }
}
