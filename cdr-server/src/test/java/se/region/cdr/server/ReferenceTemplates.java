package se.region.cdr.server;

import static se.region.cdr.server.Api.REFERENCE;
import static se.region.cdr.server.Api.TEST_DATA;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ehrbase.openehr.sdk.test_data.operationaltemplate.OperationalTemplateTestData;

/**
 * The reference OPTs, uploaded once per test JVM, and the lookups the conformance runners need:
 * which template ids are on the server, and which template a FLAT or STRUCTURED example belongs to.
 *
 * <p>Several reference OPTs share a template id with different content (e.g. {@code nested.en.v1},
 * {@code minimal_instruction.en.v1}, {@code Corona_Anamnese}); the server keeps the first upload and
 * answers 409 to the others. Uploads therefore go in one fixed order, the same as {@code
 * TemplateIT}'s: {@code valid_templates}, then {@code aql/data_load/opts}, then the SDK's reference
 * OPTs, each sorted by path; the SDK test-data jar's OPTs (Maven artifact {@code
 * org.ehrbase.openehr.sdk:test-data}) come last and only add ids nothing else has.
 */
final class ReferenceTemplates {
  static final Path SDK_RESOURCES = REFERENCE.resolve("openEHR_SDK/test-data/src/main/resources");
  private static final Duration UPLOAD_TIMEOUT = Duration.ofSeconds(120);
  private static final Pattern TEMPLATE_ID = Pattern.compile("<template_id>\\s*<value>([^<]*)</value>");

  private static ReferenceTemplates instance;

  /** Template id to where its stored OPT came from. */
  private final Map<String, String> uploaded = new LinkedHashMap<>();
  /** OPT file to the server's answer, for uploads that were refused. */
  private final Map<String, String> refused = new TreeMap<>();
  private Map<String, List<String>> byTreeId;
  private boolean sdkJarUploaded;

  private ReferenceTemplates() {}

  /** The reference OPTs, uploaded (once per JVM) in the fixed order. */
  static synchronized ReferenceTemplates get() {
    if (instance == null) {
      ReferenceTemplates t = new ReferenceTemplates();
      for (Path opt : referenceOpts()) {
        t.upload(REFERENCE.relativize(opt).toString(), Api.read(opt));
      }
      instance = t;
    }
    return instance;
  }

  /** Also uploads the OPTs of the SDK test-data jar (from the classpath); idempotent. */
  synchronized ReferenceTemplates withSdkTestData() {
    if (!sdkJarUploaded) {
      for (OperationalTemplateTestData opt : OperationalTemplateTestData.values()) {
        if (!uploaded.containsKey(opt.getTemplateId())) {
          upload("jar:" + opt.name(), read(opt));
        }
      }
      byTreeId = null;
      sdkJarUploaded = true;
    }
    return this;
  }

  static List<Path> referenceOpts() {
    List<Path> opts = new ArrayList<>();
    opts.addAll(files(TEST_DATA.resolve("valid_templates"), ".opt"));
    opts.addAll(files(TEST_DATA.resolve("aql/data_load/opts"), ".opt"));
    opts.addAll(files(SDK_RESOURCES.resolve("operationaltemplate"), ".opt"));
    return opts;
  }

  static List<Path> files(Path dir, String suffix) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(OperationalTemplateTestData opt) {
    try (InputStream in = opt.getStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void upload(String source, String xml) {
    Matcher m = TEMPLATE_ID.matcher(xml);
    if (!m.find()) {
      refused.put(source, "no template_id");
      return;
    }
    String id = m.group(1).trim();
    HttpResponse<String> r;
    try {
      // a bounded wait: one slow upload should fail its cases, not stall the whole suite
      r = Api.send(Api.request("/definition/template/adl1.4").timeout(UPLOAD_TIMEOUT)
          .POST(HttpRequest.BodyPublishers.ofString(xml)).header("Content-Type", "application/xml"));
    } catch (UncheckedIOException e) {
      refused.put(source, "no answer within " + UPLOAD_TIMEOUT.toSeconds() + " s: " + e.getMessage());
      return;
    }
    if (r.statusCode() == 201 || r.statusCode() == 409) {
      uploaded.putIfAbsent(id, r.statusCode() == 201 ? source : source + " (409: already stored)");
    } else {
      refused.put(source, r.statusCode() + " " + KnownFailures.firstLine(r.body()));
    }
  }

  boolean has(String templateId) {
    return uploaded.containsKey(templateId);
  }

  /** Stored from a reference OPT (not only from the SDK test-data jar), whatever ran first in this JVM. */
  boolean hasReference(String templateId) {
    return uploaded.containsKey(templateId) && !uploaded.get(templateId).startsWith("jar:");
  }

  /** Uploads that the server refused (reference OPTs that are themselves broken, mostly). */
  Map<String, String> refused() {
    return refused;
  }

  /**
   * The template a FLAT or STRUCTURED example belongs to. {@code rootKey} is the example's first
   * path segment, which is the web template's tree id, not the template id; the file name breaks
   * ties (and names the template when no tree id matches): the longest uploaded template id that
   * begins it, compared exactly and then case- and punctuation-insensitively; last, among the
   * templates with that tree id, the one whose id without its {@code .vN} version begins it.
   */
  Optional<String> forExample(String fileName, String rootKey) {
    List<String> byTree = treeIndex().getOrDefault(rootKey, List.of());
    String byName = longestPrefix(fileName, false).or(() -> longestPrefix(fileName, true)).orElse(null);
    if (byName != null && (byTree.isEmpty() || byTree.contains(byName))) {
      return Optional.of(byName);
    }
    if (byTree.size() == 1) {
      return Optional.of(byTree.get(0));
    }
    // e.g. ehrn_family_history__.json for "EHRN Family history.v2": the name without its version
    List<String> unversioned = byTree.stream()
        .filter(id -> normalize(fileName).startsWith(normalize(id).replaceFirst("\\.v[0-9.]*$", ""))).toList();
    return unversioned.size() == 1 ? Optional.of(unversioned.get(0)) : Optional.empty();
  }

  /** Template ids that have the given tree id (for skip messages). */
  List<String> withTreeId(String rootKey) {
    return treeIndex().getOrDefault(rootKey, List.of());
  }

  private Optional<String> longestPrefix(String fileName, boolean normalized) {
    String name = normalized ? normalize(fileName) : fileName;
    return uploaded.keySet().stream().filter(id -> name.startsWith(normalized ? normalize(id) : id))
        .max(Comparator.comparingInt(String::length));
  }

  private static String normalize(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", "_");
  }

  private synchronized Map<String, List<String>> treeIndex() {
    if (byTreeId == null) {
      Map<String, List<String>> index = new LinkedHashMap<>();
      for (String id : uploaded.keySet()) {
        HttpResponse<String> r = Api.get("/definition/template/adl1.4/" + Api.encode(id), "Accept", "application/openehr.wt+json");
        if (r.statusCode() == 200) {
          JsonNode wt = Api.json(r);
          index.computeIfAbsent(wt.path("tree").path("id").asText(), k -> new ArrayList<>()).add(id);
        }
      }
      byTreeId = index;
    }
    return byTreeId;
  }
}
