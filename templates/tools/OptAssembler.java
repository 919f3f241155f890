import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Builds the project's operational templates (OPT 1.4 XML) from short specs ({@code template.spec}
 * beside each OPT). Not part of the build; run from the repository root:
 *
 * <pre>java templates/tools/OptAssembler.java ../shared/reference-data templates/&#42;/template.spec</pre>
 *
 * <p>Every node of a published archetype is checked against an index of the reference OPTs (the
 * shared reference data plus the EHRbase SDK test-data jar in ~/.m2): its path and RM type must
 * occur in some reference OPT built on the same archetype (or the archetype's term definitions
 * there must define its at-code), and its English text and description are the ones most of
 * those OPTs give (template renames are outvoted). Project archetypes ({@code cdr_} concepts) and
 * archetypes only found in another language take their terms from {@code term} lines. See
 * templates/README.md for the spec format.
 */
public final class OptAssembler {
  private static final String NS = "http://schemas.openehr.org/v1";
  private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  private static final Set<String> MULTIPLE = Set.of("items", "events", "content", "activities");
  private static final Pattern LINE = Pattern.compile("^(\\s*)(\\S+)\\s*(.*)$");
  private static final Pattern OCC = Pattern.compile("(\\d+)\\.\\.(\\d+|\\*)");

  /** archetype id → path → RM types seen; archetype id → code → (text, description) → count. */
  private final Map<String, Map<String, Set<String>>> paths = new HashMap<>();
  private final Map<String, Map<String, Map<List<String>, Integer>>> terms = new HashMap<>();
  /** archetype id → at-codes defined in some reference OPT, in any language. */
  private final Map<String, Set<String>> codes = new HashMap<>();
  /** Terms given in the spec, archetype id → code → [text, description]. */
  private final Map<String, Map<String, List<String>>> ownTerms = new HashMap<>();
  /** Terms used per archetype, in order of first use. */
  private final Map<String, Map<String, List<String>>> used = new LinkedHashMap<>();
  private Document doc;

  public static void main(String[] args) throws Exception {
    OptAssembler a = new OptAssembler();
    a.index(Path.of(args[0]));
    for (int i = 1; i < args.length; i++) {
      a.assemble(Path.of(args[i]));
    }
  }

  // ---------------------------------------------------------------- index of the reference OPTs

  void index(Path referenceData) throws Exception {
    List<Path> opts;
    try (Stream<Path> s = Files.walk(referenceData)) {
      opts = s.filter(p -> p.toString().endsWith(".opt")).sorted().toList();
    }
    var dbf = DocumentBuilderFactory.newInstance();
    dbf.setNamespaceAware(true);
    for (Path p : opts) {
      try (InputStream in = Files.newInputStream(p)) {
        indexOpt(dbf.newDocumentBuilder().parse(in).getDocumentElement());
      } catch (Exception e) {
        System.err.println("skipped " + p + ": " + e.getMessage());
      }
    }
    Path jar = Path.of(System.getProperty("user.home"), ".m2/repository/org/ehrbase/openehr/sdk/test-data/2.28.0/test-data-2.28.0.jar");
    if (Files.exists(jar)) {
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        for (var e : zip.stream().filter(e -> e.getName().endsWith(".opt")).toList()) {
          try (InputStream in = zip.getInputStream(e)) {
            indexOpt(dbf.newDocumentBuilder().parse(in).getDocumentElement());
          } catch (Exception ex) {
            System.err.println("skipped " + e.getName() + ": " + ex.getMessage());
          }
        }
      }
    }
    System.err.println("indexed " + paths.size() + " archetypes");
  }

  private void indexOpt(Element template) {
    Element lang = child(template, "language");
    boolean english = lang != null && "en".equals(text(child(lang, "code_string")));
    walkIndex(child(template, "definition"), null, "", english);
  }

  private void walkIndex(Element node, String archetype, String path, boolean english) {
    Element aid = child(node, "archetype_id");
    if (aid != null) {
      archetype = text(child(aid, "value"));
      path = "";
      for (Element t : children(node, "term_definitions")) {
        codes.computeIfAbsent(archetype, k -> new LinkedHashSet<>()).add(t.getAttribute("code"));
      }
      if (english) {
        for (Element t : children(node, "term_definitions")) {
          List<String> td = List.of(item(t, "text"), item(t, "description"));
          terms.computeIfAbsent(archetype, k -> new HashMap<>()).computeIfAbsent(t.getAttribute("code"), k -> new HashMap<>()).merge(td, 1, Integer::sum);
        }
      }
    }
    for (Element attr : children(node, "attributes")) {
      String name = text(child(attr, "rm_attribute_name"));
      for (Element c : children(attr, "children")) {
        String nodeId = text(child(c, "node_id"));
        Element sub = child(c, "archetype_id");
        String p = path + "/" + name + (sub != null ? "[" + text(child(sub, "value")) + "]" : nodeId.isEmpty() ? "" : "[" + nodeId + "]");
        paths.computeIfAbsent(archetype, k -> new HashMap<>()).computeIfAbsent(p, k -> new LinkedHashSet<>()).add(text(child(c, "rm_type_name")));
        walkIndex(c, archetype, p, english);
      }
    }
  }

  private static String item(Element termDefinition, String id) {
    for (Element i : children(termDefinition, "items")) {
      if (id.equals(i.getAttribute("id"))) {
        return i.getTextContent().replaceAll("\\s+", " ").trim();
      }
    }
    return "";
  }

  // ---------------------------------------------------------------- spec → OPT

  /** One spec line: indent, path (or keyword) and the rest. */
  record Line(int no, int indent, String head, String rest) {}

  void assemble(Path spec) throws Exception {
    List<Line> lines = new ArrayList<>();
    List<String> raw = Files.readAllLines(spec, StandardCharsets.UTF_8);
    for (int i = 0; i < raw.size(); i++) {
      String l = raw.get(i).replaceAll("\\s+#.*$", "");
      Matcher m = LINE.matcher(l);
      if (!l.isBlank() && !l.trim().startsWith("#") && m.matches()) {
        lines.add(new Line(i + 1, m.group(1).length(), m.group(2), m.group(3).trim()));
      }
    }
    Map<String, String> header = new LinkedHashMap<>();
    used.clear();
    ownTerms.clear();
    for (Line l : lines) {
      if (l.head().equals("term")) { // term <archetype id> <code> <text> | <description>
        String[] p = l.rest().split("\\s+", 3);
        String[] td = p[2].split("\\s*\\|\\s*", 2);
        ownTerms.computeIfAbsent(p[0], k -> new HashMap<>()).put(p[1], List.of(td[0], td.length > 1 ? td[1] : td[0]));
      } else if (l.indent() == 0 && !l.head().equals("root") && !l.head().equals("content") && !l.head().equals("context")) {
        header.put(l.head(), l.rest());
      }
    }
    String templateId = header.get("template");
    var dbf = DocumentBuilderFactory.newInstance();
    dbf.setNamespaceAware(true);
    doc = dbf.newDocumentBuilder().newDocument();
    Element t = doc.createElementNS(NS, "template");
    t.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xsi", XSI);
    doc.appendChild(t);
    Element language = add(t, "language");
    add(add(language, "terminology_id"), "value", "ISO_639-1");
    add(language, "code_string", "en");
    Element description = add(t, "description");
    add(description, "original_author", "Regional openEHR CDR project").setAttribute("id", "name");
    add(description, "original_author", "Regional openEHR CDR").setAttribute("id", "organisation");
    add(description, "lifecycle_state", "Initial");
    add(description, "other_details", templateId).setAttribute("id", "template_id");
    add(description, "other_details", "Built with templates/tools/OptAssembler.java from " + spec.getFileName()
        + " on published openEHR CKM archetypes (CC-BY-SA); cdr_ archetypes are project-owned.").setAttribute("id", "references");
    Element details = add(description, "details");
    Element dl = add(details, "language");
    add(add(dl, "terminology_id"), "value", "ISO_639-1");
    add(dl, "code_string", "en");
    add(details, "purpose", header.getOrDefault("purpose", ""));
    add(details, "use", header.getOrDefault("use", ""));
    add(add(t, "uid"), "value", UUID.nameUUIDFromBytes(templateId.getBytes(StandardCharsets.UTF_8)).toString());
    add(add(t, "template_id"), "value", templateId);
    add(t, "concept", templateId);

    // the root line, then context and content below it
    Line root = lines.stream().filter(l -> l.head().equals("root")).findFirst().orElseThrow(() -> new IllegalArgumentException("no root line"));
    String[] rootArgs = root.rest().split("\\s+");
    String compositionId = rootArgs[0];
    Element def = add(t, "definition");
    def.setAttributeNS(XSI, "xsi:type", "C_ARCHETYPE_ROOT");
    add(def, "rm_type_name", "COMPOSITION");
    occurrences(def, "1..1");
    add(def, "node_id", "at0000");
    use(compositionId, "at0000", header.get("name"));
    Element category = complex(attribute(def, "category", true), "DV_CODED_TEXT", "1..1", "");
    codePhrase(attribute(category, "defining_code", true), "openehr", List.of(opt(rootArgs, "category", "433")));
    Element context = complex(attribute(def, "context", true), "EVENT_CONTEXT", "1..1", "");
    String treeId = opt(rootArgs, "other_context", "at0001");
    use(compositionId, treeId, null);
    Element tree = complex(attribute(context, "other_context", true), "ITEM_TREE", "1..1", treeId);
    Element items = attribute(tree, "items", true);
    importProvenance(items, spec);
    List<Line> body = lines.subList(lines.indexOf(root) + 1, lines.size()).stream().filter(l -> l.indent() > 0 || Set.of("content", "context").contains(l.head())).toList();
    Element content = null;
    for (int i = 0; i < body.size(); i++) {
      Line l = body.get(i);
      if (l.indent() != 0) {
        continue;
      }
      List<Line> block = block(body, i);
      String[] a = l.rest().split("\\s+");
      Element parent = l.head().equals("context") ? items : (content = content != null ? content : attribute(def, "content", true));
      archetypeRoot(parent, a[0], a[1], nameOf(l.rest()), block, spec, l);
    }
    Element aidEl = add(def, "archetype_id");
    add(aidEl, "value", compositionId);
    termDefinitions(def, compositionId);
    // multiple attributes: cardinality after the children
    for (Element attr : descendants(t, "attributes")) {
      if (attr.getAttributeNS(XSI, "type").equals("C_MULTIPLE_ATTRIBUTE") && child(attr, "cardinality") == null) {
        Element card = add(attr, "cardinality");
        add(card, "is_ordered", "true");
        add(card, "is_unique", "false");
        interval(add(card, "interval"), 0, -1);
      }
    }
    Path out = spec.resolveSibling(templateId + ".opt");
    var tf = TransformerFactory.newInstance().newTransformer();
    tf.setOutputProperty(OutputKeys.INDENT, "yes");
    tf.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
    tf.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
    tf.transform(new DOMSource(doc), new StreamResult(out.toFile()));
    System.err.println("wrote " + out);
  }

  /** The provenance cluster, copied as it is from the vital-signs OPT (its first author). */
  private void importProvenance(Element items, Path spec) throws Exception {
    Path source = spec.toAbsolutePath().getParent().resolveSibling("vital_signs").resolve("CDR - Vital signs.v1.opt");
    var dbf = DocumentBuilderFactory.newInstance();
    dbf.setNamespaceAware(true);
    Document vs = dbf.newDocumentBuilder().parse(source.toFile());
    for (Element e : descendants(vs.getDocumentElement(), "children")) {
      Element aid = child(e, "archetype_id");
      if (aid != null && text(child(aid, "value")).equals("openEHR-EHR-CLUSTER.cdr_provenance.v0")) {
        items.appendChild(doc.importNode(e, true));
        return;
      }
    }
    throw new IllegalStateException("no provenance cluster in " + source);
  }

  private static String opt(String[] args, String key, String dflt) {
    for (String a : args) {
      if (a.startsWith(key + "=")) {
        return a.substring(key.length() + 1);
      }
    }
    return dflt;
  }

  private static String nameOf(String rest) {
    Matcher m = Pattern.compile("name=\"([^\"]+)\"").matcher(rest);
    return m.find() ? m.group(1) : null;
  }

  /** The lines indented below line i. */
  private static List<Line> block(List<Line> lines, int i) {
    int j = i + 1;
    while (j < lines.size() && lines.get(j).indent() > lines.get(i).indent()) {
      j++;
    }
    return lines.subList(i + 1, j);
  }

  /** A C_ARCHETYPE_ROOT with the nodes its block lines name, and their intermediate nodes. */
  private Element archetypeRoot(Element attr, String archetypeId, String occ, String name, List<Line> block, Path spec, Line at) {
    String rmType = archetypeId.replaceAll("^openEHR-EHR-([A-Z_]+)\\..*$", "$1");
    Element root = doc.createElementNS(NS, "children");
    root.setAttributeNS(XSI, "xsi:type", "C_ARCHETYPE_ROOT");
    attr.appendChild(root);
    add(root, "rm_type_name", rmType);
    occurrences(root, occ);
    add(root, "node_id", "at0000");
    use(archetypeId, "at0000", null);
    if (name != null) {
      nameConstraint(root, name);
    }
    int indent = block.isEmpty() ? 0 : block.get(0).indent();
    for (int i = 0; i < block.size(); i++) {
      Line l = block.get(i);
      if (l.indent() != indent) {
        continue;
      }
      try {
        node(root, archetypeId, l, block(block, i), spec);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(spec + ":" + l.no() + ": " + e.getMessage(), e);
      }
    }
    add(add(root, "archetype_id"), "value", archetypeId);
    termDefinitions(root, archetypeId);
    return root;
  }

  /** One spec line below an archetype root: a path, occurrences, and what the node is. */
  private void node(Element root, String archetypeId, Line l, List<Line> block, Path spec) {
    if (l.head().equals("ism")) { // ism at0043=532 at0047=245: careflow steps and their states
      Element ism = attribute(root, "ism_transition", true);
      for (String step : l.rest().split("\\s+")) {
        String[] s = step.split("=");
        check(archetypeId, "/ism_transition[" + s[0] + "]", "ISM_TRANSITION");
        Element tr = complex(ism, "ISM_TRANSITION", "1..1", s[0]);
        codePhrase(attribute(complex(attribute(tr, "current_state", true), "DV_CODED_TEXT", "1..1", ""), "defining_code", true), "openehr", List.of(s[1]));
        codePhrase(attribute(complex(attribute(tr, "careflow_step", false), "DV_CODED_TEXT", "1..1", ""), "defining_code", true), "local", List.of(s[0]));
        use(archetypeId, s[0], null);
      }
      return;
    }
    String[] a = l.rest().split("\\s+", 3);
    String occ = a[0];
    String kind = a.length > 1 ? a[1] : "";
    String args = a.length > 2 ? a[2] : "";
    List<String[]> steps = steps(l.head());
    Element parent = root;
    StringBuilder path = new StringBuilder();
    for (int s = 0; s < steps.size(); s++) {
      String[] step = steps.get(s);
      boolean last = s == steps.size() - 1;
      path.append('/').append(step[0]).append('[').append(step[1]).append(']');
      boolean optional = Set.of("protocol", "state").contains(step[0]);
      Element attr = attribute(parent, step[0], !optional);
      if (last && kind.equals("ROOT")) {
        String sub = args.split("\\s+")[0];
        check(archetypeId, path.toString(), "SLOT");
        archetypeRoot(attr, sub, occ, nameOf(args), block, spec, l);
        return;
      }
      Element existing = null;
      for (Element c : children(attr, "children")) {
        if (step[1].equals(text(child(c, "node_id")))) {
          existing = c;
        }
      }
      if (existing == null) {
        String type = !last ? indexedType(archetypeId, path.toString())
            : isValue(kind) ? "ELEMENT" : kind.matches("[A-Z_]+") ? kind : indexedType(archetypeId, path.toString());
        existing = complex(attr, type, last ? occ : optional ? "0..1" : defaultOcc(type), step[1]);
      } else if (last) {
        replaceOccurrences(existing, occ);
      }
      use(archetypeId, step[1], null);
      parent = existing;
    }
    if (isValue(kind)) {
      check(archetypeId, path.toString(), "ELEMENT");
      value(attribute(parent, "value", false), kind, args, archetypeId);
    }
    String name = nameOf(args);
    if (name != null) {
      nameConstraint(parent, name);
    }
  }

  private static boolean isValue(String kind) {
    return Set.of("TEXT", "CODED", "LOCAL", "QUANTITY", "COUNT", "DATETIME", "DATE", "IDENTIFIER", "BOOLEAN", "DURATION").contains(kind);
  }

  private static List<String[]> steps(String path) {
    List<String[]> out = new ArrayList<>();
    Matcher m = Pattern.compile("/([a-z_]+)\\[([^\\]]+)\\]").matcher(path);
    while (m.find()) {
      out.add(new String[] {m.group(1), m.group(2)});
    }
    return out;
  }

  private static String defaultOcc(String type) {
    return switch (type) {
      case "EVENT", "POINT_EVENT" -> "0..*";
      case "CLUSTER", "ELEMENT" -> "0..1";
      default -> "1..1";
    };
  }

  /** The RM type the reference OPTs give this path, or the project's own archetype's declared type. */
  private String indexedType(String archetypeId, String path) {
    Set<String> types = paths.getOrDefault(archetypeId, Map.of()).get(path);
    if (types == null || types.isEmpty()) {
      throw new IllegalArgumentException(archetypeId + path + ": not in any reference OPT; give its RM type");
    }
    return types.contains("EVENT") ? "EVENT" : types.iterator().next();
  }

  /** Published archetypes: the path must occur in a reference OPT, or its at-code in its terms. */
  private void check(String archetypeId, String path, String what) {
    if (archetypeId.contains(".cdr_")) {
      return;
    }
    boolean known = paths.getOrDefault(archetypeId, Map.of()).containsKey(path);
    String code = path.replaceAll("^.*\\[(at[0-9]+)\\]$", "$1");
    if (!known && !codes.getOrDefault(archetypeId, Set.of()).contains(code)) {
      throw new IllegalArgumentException(archetypeId + path + " (" + what + "): neither the path nor " + code + " occurs in the reference OPTs");
    }
    if (!known) {
      System.err.println("  note: " + archetypeId + path + " is not in a reference OPT; " + code + " is defined in the archetype's terms");
    }
  }

  /** The value constraint of an ELEMENT. */
  private void value(Element attr, String kind, String args, String archetypeId) {
    String[] a = args.replaceAll("name=\"[^\"]*\"", "").trim().split("\\s+");
    switch (kind) {
      case "TEXT", "DATETIME", "DATE", "IDENTIFIER", "BOOLEAN", "DURATION" -> complex(attr, switch (kind) {
        case "TEXT" -> "DV_TEXT";
        case "DATETIME" -> "DV_DATE_TIME";
        case "DATE" -> "DV_DATE";
        case "IDENTIFIER" -> "DV_IDENTIFIER";
        case "BOOLEAN" -> "DV_BOOLEAN";
        default -> "DV_DURATION";
      }, "1..1", "");
      case "CODED" -> { // CODED <terminology id>[|<terminology id>] [code,code,...]: one DV_CODED_TEXT per terminology
        for (String terminology : a[0].split("\\|")) {
          Element dv = complex(attr, "DV_CODED_TEXT", "1..1", "");
          codePhrase(attribute(dv, "defining_code", true), terminology, a.length > 1 ? List.of(a[1].split(",")) : List.of());
        }
      }
      case "LOCAL" -> { // LOCAL at0001,at0002
        Element dv = complex(attr, "DV_CODED_TEXT", "1..1", "");
        List<String> codes = List.of(a[0].split(","));
        codes.forEach(c -> use(archetypeId, c, null));
        codePhrase(attribute(dv, "defining_code", true), "local", codes);
      }
      case "QUANTITY" -> { // QUANTITY <units>[,<units>] [min..max] [precision]
        Element q = doc.createElementNS(NS, "children");
        q.setAttributeNS(XSI, "xsi:type", "C_DV_QUANTITY");
        attr.appendChild(q);
        add(q, "rm_type_name", "DV_QUANTITY");
        occurrences(q, "1..1");
        add(q, "node_id", "");
        if (!a[0].equals("*")) {
          for (String units : a[0].split(",")) {
            Element list = add(q, "list");
            if (a.length > 1) {
              String[] r = a[1].split("\\.\\.");
              Element mag = add(list, "magnitude");
              add(mag, "lower_included", "true");
              add(mag, "upper_included", "true");
              add(mag, "lower_unbounded", "false");
              add(mag, "upper_unbounded", String.valueOf(r[1].equals("*")));
              add(mag, "lower", r[0]);
              if (!r[1].equals("*")) {
                add(mag, "upper", r[1]);
              }
            }
            if (a.length > 2) {
              Element p = add(list, "precision");
              interval(p, Integer.parseInt(a[2]), Integer.parseInt(a[2]));
            }
            add(list, "units", units);
          }
        }
      }
      case "COUNT" -> { // COUNT [min..max]
        Element dv = complex(attr, "DV_COUNT", "1..1", "");
        if (!a[0].isEmpty()) {
          String[] r = a[0].split("\\.\\.");
          Element prim = doc.createElementNS(NS, "children");
          prim.setAttributeNS(XSI, "xsi:type", "C_PRIMITIVE_OBJECT");
          attribute(dv, "magnitude", true).appendChild(prim);
          add(prim, "rm_type_name", "INTEGER");
          occurrences(prim, "1..1");
          add(prim, "node_id", "");
          Element item = add(prim, "item");
          item.setAttributeNS(XSI, "xsi:type", "C_INTEGER");
          interval(add(item, "range"), Integer.parseInt(r[0]), r[1].equals("*") ? -1 : Integer.parseInt(r[1]));
        }
      }
      default -> throw new IllegalArgumentException("unknown value kind " + kind);
    }
  }

  // ---------------------------------------------------------------- XML helpers

  private void nameConstraint(Element node, String name) {
    Element attr = doc.createElementNS(NS, "attributes");
    attr.setAttributeNS(XSI, "xsi:type", "C_SINGLE_ATTRIBUTE");
    Element first = child(node, "attributes");
    node.insertBefore(attr, first != null ? first : child(node, "archetype_id"));
    add(attr, "rm_attribute_name", "name");
    existence(attr, 1);
    Element dv = complex(attr, "DV_TEXT", "1..1", "");
    Element value = attribute(dv, "value", true);
    Element prim = doc.createElementNS(NS, "children");
    prim.setAttributeNS(XSI, "xsi:type", "C_PRIMITIVE_OBJECT");
    value.appendChild(prim);
    add(prim, "rm_type_name", "STRING");
    occurrences(prim, "1..1");
    add(prim, "node_id", "");
    Element item = add(prim, "item");
    item.setAttributeNS(XSI, "xsi:type", "C_STRING");
    add(item, "list", name);
  }

  private void codePhrase(Element attr, String terminology, List<String> codes) {
    Element cp = doc.createElementNS(NS, "children");
    cp.setAttributeNS(XSI, "xsi:type", "C_CODE_PHRASE");
    attr.appendChild(cp);
    add(cp, "rm_type_name", "CODE_PHRASE");
    occurrences(cp, "1..1");
    add(cp, "node_id", "");
    add(add(cp, "terminology_id"), "value", terminology);
    codes.forEach(c -> add(cp, "code_list", c));
  }

  /** The attribute of that name on the node, created (before archetype_id) if missing. */
  private Element attribute(Element node, String name, boolean required) {
    for (Element a : children(node, "attributes")) {
      if (name.equals(text(child(a, "rm_attribute_name")))) {
        return a;
      }
    }
    Element a = doc.createElementNS(NS, "attributes");
    a.setAttributeNS(XSI, "xsi:type", MULTIPLE.contains(name) ? "C_MULTIPLE_ATTRIBUTE" : "C_SINGLE_ATTRIBUTE");
    node.insertBefore(a, child(node, "archetype_id"));
    add(a, "rm_attribute_name", name);
    existence(a, required && !MULTIPLE.contains(name) && !name.equals("value") ? 1 : 0);
    return a;
  }

  private Element complex(Element attr, String rmType, String occ, String nodeId) {
    Element c = doc.createElementNS(NS, "children");
    c.setAttributeNS(XSI, "xsi:type", "C_COMPLEX_OBJECT");
    attr.appendChild(c);
    add(c, "rm_type_name", rmType);
    occurrences(c, occ);
    add(c, "node_id", nodeId);
    return c;
  }

  private void existence(Element attr, int lower) {
    interval(add(attr, "existence"), lower, 1);
  }

  private void occurrences(Element node, String occ) {
    Matcher m = OCC.matcher(occ);
    if (!m.matches()) {
      throw new IllegalArgumentException("bad occurrences " + occ);
    }
    interval(add(node, "occurrences"), Integer.parseInt(m.group(1)), m.group(2).equals("*") ? -1 : Integer.parseInt(m.group(2)));
  }

  private void replaceOccurrences(Element node, String occ) {
    Element old = child(node, "occurrences");
    Element marker = child(node, "node_id");
    node.removeChild(old);
    occurrences(node, occ);
    node.insertBefore(child(node, "occurrences"), marker);
  }

  /** An interval; upper -1 = unbounded. */
  private void interval(Element i, int lower, int upper) {
    add(i, "lower_included", "true");
    add(i, "upper_included", String.valueOf(upper >= 0));
    add(i, "lower_unbounded", "false");
    add(i, "upper_unbounded", String.valueOf(upper < 0));
    add(i, "lower", String.valueOf(lower));
    if (upper >= 0) {
      add(i, "upper", String.valueOf(upper));
    }
  }

  private void use(String archetypeId, String code, String textOverride) {
    List<String> td = ownTerms.getOrDefault(archetypeId, Map.of()).get(code);
    if (td == null) {
      Map<List<String>, Integer> votes = terms.getOrDefault(archetypeId, Map.of()).getOrDefault(code, Map.of());
      td = votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }
    if (td == null) {
      throw new IllegalArgumentException(archetypeId + " " + code + ": no English term in the reference OPTs; add a term line");
    }
    if (textOverride != null) {
      td = List.of(textOverride, td.get(1));
    }
    Map<String, List<String>> u = used.computeIfAbsent(archetypeId, k -> new TreeMap<>());
    if (textOverride != null || !u.containsKey(code)) {
      u.put(code, td);
    }
  }

  private void termDefinitions(Element root, String archetypeId) {
    for (var e : used.getOrDefault(archetypeId, Map.of()).entrySet()) {
      Element td = add(root, "term_definitions");
      td.setAttribute("code", e.getKey());
      add(td, "items", e.getValue().get(0)).setAttribute("id", "text");
      add(td, "items", e.getValue().get(1)).setAttribute("id", "description");
    }
  }

  private Element add(Element parent, String name) {
    Element e = doc.createElementNS(NS, name);
    parent.appendChild(e);
    return e;
  }

  private Element add(Element parent, String name, String text) {
    Element e = add(parent, name);
    e.setTextContent(text);
    return e;
  }

  private static Element child(Element e, String name) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && name.equals(c.getLocalName())) {
        return c;
      }
    }
    return null;
  }

  private static List<Element> children(Element e, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && name.equals(c.getLocalName())) {
        out.add(c);
      }
    }
    return out;
  }

  private static List<Element> descendants(Element e, String name) {
    List<Element> out = new ArrayList<>();
    var list = e.getElementsByTagNameNS(NS, name);
    for (int i = 0; i < list.getLength(); i++) {
      out.add((Element) list.item(i));
    }
    return out;
  }

  private static String text(Element e) {
    return e == null ? "" : e.getTextContent().trim();
  }
}
