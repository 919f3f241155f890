package se.region.cdr.server;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Canonical XML compositions for the round-trip tests: parse, read the root template id, give the
 * root uid a fresh object id, and compare two documents element by element with the rules of
 * {@link JsonDiff}: namespace prefixes, attribute order, whitespace between elements, the order
 * between differently named siblings, an {@code xsi:type} on one side only, numbers and date/times
 * written differently do not count.
 */
final class XmlTrees {
  private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

  private XmlTrees() {}

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  static String write(Document doc) throws Exception {
    var t = TransformerFactory.newInstance().newTransformer();
    t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
    StringWriter w = new StringWriter();
    t.transform(new DOMSource(doc), new StreamResult(w));
    return w.toString();
  }

  static Element child(Element parent, String localName) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName.equals(e.getLocalName())) {
        return e;
      }
    }
    return null;
  }

  /** {@code /archetype_details/template_id/value} of the root, or null. */
  static String rootTemplateId(Document doc) {
    Element details = child(doc.getDocumentElement(), "archetype_details");
    Element templateId = details == null ? null : child(details, "template_id");
    Element value = templateId == null ? null : child(templateId, "value");
    return value == null ? null : value.getTextContent().trim();
  }

  /** Gives the root uid a fresh object id (keeping {@code ::system::version}); returns it, or null without a uid. */
  static String replaceRootUid(Document doc) {
    Element uid = child(doc.getDocumentElement(), "uid");
    Element value = uid == null ? null : child(uid, "value");
    if (value == null) {
      return null;
    }
    String old = value.getTextContent().trim();
    String objectId = UUID.randomUUID().toString();
    value.setTextContent(objectId + (old.contains("::") ? old.substring(old.indexOf("::")) : ""));
    return objectId;
  }

  /** Differences between two elements; the root's {@code uid} child is ignored. */
  static void diff(Element sent, Element back, List<String> out) {
    diff("/" + sent.getLocalName(), sent, back, out, true);
  }

  private static void diff(String path, Element e, Element a, List<String> out, boolean root) {
    if (out.size() > 25) {
      return;
    }
    if (!e.getLocalName().equals(a.getLocalName())) {
      out.add(path + ": element " + e.getLocalName() + " read back as " + a.getLocalName());
      return;
    }
    Map<String, String> ea = attributes(e);
    Map<String, String> aa = attributes(a);
    if (!(ea.containsKey("type") && aa.containsKey("type"))) {
      ea.remove("type"); // xsi:type written or left out where it is the declared type
      aa.remove("type");
    }
    if (!ea.equals(aa)) {
      out.add(path + ": attributes " + ea + " read back as " + aa);
    }
    Map<String, List<Element>> ec = children(e, root);
    Map<String, List<Element>> ac = children(a, root);
    if (ec.isEmpty() && ac.isEmpty()) {
      String et = e.getTextContent().trim();
      String at = a.getTextContent().trim();
      if (!et.equals(at) && !sameNumber(et, at) && !Iso8601.same(et, at)) {
        out.add(path + ": sent '" + et + "', read back '" + at + "'");
      }
      return;
    }
    // elements of one name in order; the order between names is the schema's, compared like JSON keys
    for (String name : ec.keySet()) {
      List<Element> es = ec.get(name);
      List<Element> as = ac.getOrDefault(name, List.of());
      for (int i = 0; i < Math.min(es.size(), as.size()); i++) {
        diff(path + "/" + name + "[" + i + "]", es.get(i), as.get(i), out, false);
      }
      if (es.size() != as.size()) {
        out.add(path + "/" + name + ": " + es.size() + " sent, " + as.size() + " read back");
      }
    }
    for (String name : ac.keySet()) {
      if (!ec.containsKey(name) && !JsonDiff.ADDED_DEFAULTS.contains(name)) {
        out.add(path + "/" + name + ": added " + ac.get(name).size() + " element(s)");
      }
    }
  }

  private static boolean sameNumber(String a, String b) {
    try {
      return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static Map<String, List<Element>> children(Element e, boolean root) {
    Map<String, List<Element>> m = new TreeMap<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && !(root && "uid".equals(c.getLocalName()))) {
        m.computeIfAbsent(c.getLocalName(), k -> new ArrayList<>()).add(c);
      }
    }
    return m;
  }

  /** Attributes by local name, without namespace declarations; xsi:type values without prefix. */
  private static Map<String, String> attributes(Element e) {
    Map<String, String> m = new TreeMap<>();
    NamedNodeMap attrs = e.getAttributes();
    for (int i = 0; i < attrs.getLength(); i++) {
      Attr a = (Attr) attrs.item(i);
      String name = a.getLocalName() == null ? a.getName() : a.getLocalName();
      if ("http://www.w3.org/2000/xmlns/".equals(a.getNamespaceURI()) || name.startsWith("xmlns")) {
        continue;
      }
      String value = a.getValue();
      if (XSI.equals(a.getNamespaceURI()) && "type".equals(name)) {
        value = value.substring(value.indexOf(':') + 1);
      }
      m.put(name, value);
    }
    return m;
  }
}
