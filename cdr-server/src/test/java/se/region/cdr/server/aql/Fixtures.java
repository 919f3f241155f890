package se.region.cdr.server.aql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import se.region.cdr.server.Api;
import se.region.cdr.server.TestServer;

/**
 * The data sets the robot suites load in their {@code Precondition}, restated as data in
 * {@code fixtures.txt}: a section per data set with, in order,
 *
 * <ul>
 *   <li>{@code template = <file>}: upload an OPT of {@code aql/data_load/opts} (409, already there, is fine);
 *   <li>{@code ehr = <variable> [<status file>] [id=<uuid>]}: create an EHR and name its id; without
 *       a status file it gets the robot's {@code ehr/valid/000_ehr_status_with_other_details.json}
 *       with a random subject id and namespace (as {@code create new EHR with ehr_status} does), with
 *       one it gets that file of {@code aql/data_load/ehrs} as it is; {@code id=} gives it the id an
 *       expected file names literally (the EHR of the run that recorded it);
 *   <li>{@code composition = <variable> <file> [FLAT <template id>] [id=<uuid>]}: commit a composition of
 *       {@code aql/data_load/compositions} to the last EHR and name its object id (the robot's
 *       {@code composition_short_uid}); {@code ${...}} in the file (e.g. the system id in a uid) are
 *       substituted first; {@code id=} gives it the uid an expected query names literally;
 *   <li>{@code directory = <file>}: create the last EHR's directory from a file of
 *       {@code aql/data_load/folder} (variables substituted);
 *   <li>{@code version = <variable> <file>}: as {@code composition}, but names the full version uid
 *       (the robot VERSION suites' {@code composition_uid}); {@code update = <new> <preceding>
 *       <file>}: PUT a new version of that composition, name its version uid; {@code delete =
 *       <preceding>}: delete it (a new, deleted version); {@code ehr_status = <new> <file>}: PUT a
 *       new EHR_STATUS version of the last EHR, name its uid; {@code delete_ehr = <variable>}: remove
 *       that EHR through the admin endpoint;
 *   <li>{@code contribution = <variable> <file>}: POST a contribution (a file under the robot's
 *       {@code test_data_sets}) to the last EHR and name the version uid of its first version;
 *   <li>{@code copy = <new> <variable>}: keep a variable's current value under another name (the
 *       robot's {@code Set Suite Variable ${x1} ${x}}); {@code set = <variable> <value>}: a
 *       literal the robot suite sets;
 *   <li>{@code unloadable = <reason>}: the reference data cannot provide the data set as the robot
 *       suite loaded it (a file is missing, a composition does not conform to its template, which
 *       the server rightly refuses): loading is still tried and must fail; the cases run against
 *       what did load, those that need the rest are in {@code unsupported.txt}.
 * </ul>
 *
 * <p>Loading also sets the variables the robot keywords set as a side effect: {@code ehr_id} (the
 * last EHR), its EHR_STATUS uid, subject id and namespace and creation time, {@code c_uid} (the last
 * composition), {@code system_id_with_tenant} (the system id of the version uids) and
 * {@code tenant_id_from_system_id} (its first label and a dot, as the VERSION suites compute it).
 *
 * <p>Each robot suite assumed an empty database, so {@link #load} first deletes every EHR on the
 * test server (also those other ITs of this JVM left behind) through the admin endpoint.
 *
 * <p>EHR ids and composition uids are chosen by the harness and ascend in creation order
 * ({@code ehr_id1 < ehr_id2}, {@code c_uid1 < c_uid2}): the ORDER BY suites expect the robot's
 * numbering to be the sort order, which random server-made UUIDs only give half of the time.
 */
final class Fixtures {
  static final String DESCRIPTOR = "/aql-conformance/fixtures.txt";
  static final Path DATA_LOAD = Api.TEST_DATA.resolve("aql/data_load");
  private static final Path DEFAULT_STATUS = Api.TEST_DATA.resolve("ehr/valid/000_ehr_status_with_other_details.json");

  private final Map<String, List<Sections.Entry>> sections;

  private Fixtures(Map<String, List<Sections.Entry>> sections) {
    this.sections = java.util.Objects.requireNonNull(sections, "sections is null");
  }

  static Fixtures load() {
    return new Fixtures(Sections.parse(ConformanceCatalog.resource(DESCRIPTOR), DESCRIPTOR));
  }

  java.util.Set<String> names() {
    return sections.keySet();
  }

  /** Why the data set cannot be loaded from the reference data ({@code unloadable = <reason>}), or null. */
  String unloadable(String name) {
    return sections.getOrDefault(name, List.of()).stream().filter(e -> e.key().equals("unloadable")).map(Sections.Entry::value)
        .findFirst().orElse(null);
  }

  /** What loading produced: the variables, and each step that failed (empty when all succeeded). */
  record Loaded(Map<String, String> variables, List<String> failures) {}

  /** Empties the server of EHRs, then loads the data set {@code name}. */
  Loaded load(String name) {
    List<Sections.Entry> entries = sections.get(name);
    if (entries == null) {
      throw new IllegalArgumentException("no fixture " + name + " in fixtures.txt");
    }
    deleteAllEhrs();
    AscendingIds ids = new AscendingIds();
    Map<String, String> vars = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    String ehrId = null;
    for (Sections.Entry e : entries) {
      String[] args = e.value().split("\\s+");
      String where = "fixtures.txt:" + e.line() + " ";
      try {
        switch (e.key()) {
          case "template" -> Api.ensureTemplate(DATA_LOAD.resolve("opts").resolve(e.value()));
          case "ehr" -> ehrId = createEhr(withoutId(args), vars, givenId(args).orElseGet(ids::next));
          case "composition", "version" ->
              commit(requireEhr(ehrId, e.key()), withoutId(args), vars, e.key().equals("version"), givenId(args).orElseGet(ids::next));
          case "update" -> update(requireEhr(ehrId, e.key()), args, vars);
          case "delete" -> deleteComposition(requireEhr(ehrId, e.key()), args, vars);
          case "ehr_status" -> updateStatus(requireEhr(ehrId, e.key()), args, vars);
          case "delete_ehr" -> adminDelete(vars.get(args[0]));
          case "contribution" -> contribution(requireEhr(ehrId, e.key()), args, vars);
          case "directory" -> {
            if (ehrId == null) {
              throw new IllegalStateException("directory before any ehr");
            }
            createDirectory(ehrId, e.value(), vars);
          }
          case "copy" -> {
            String value = vars.get(args[1]);
            if (args.length != 2 || value == null) {
              throw new IllegalArgumentException("expected 'copy = <new variable> <set variable>'");
            }
            vars.put(args[0], value);
          }
          case "unloadable" -> {
            // read by unloadable(name)
          }
          case "set" -> {
            if (args.length != 2) {
              throw new IllegalArgumentException("expected 'set = <variable> <value>'");
            }
            vars.put(args[0], args[1]);
          }
          default -> throw new IllegalArgumentException("unknown key " + e.key());
        }
      } catch (RuntimeException ex) {
        failures.add(where + e.key() + " " + e.value() + ": " + ex.getMessage());
      }
    }
    return new Loaded(vars, failures);
  }

  /** UUIDs whose text sorts in the order they are handed out (first 8 hex digits count up). */
  private static final class AscendingIds {
    private long next = 0x10000000L + ThreadLocalRandom.current().nextInt(0x10000000);

    String next() {
      return String.format("%08x", next++) + UUID.randomUUID().toString().substring(8);
    }
  }

  private static Optional<String> givenId(String[] args) {
    return Arrays.stream(args).filter(a -> a.startsWith("id=")).map(a -> a.substring(3)).findFirst();
  }

  private static String[] withoutId(String[] args) {
    return Arrays.stream(args).filter(a -> !a.startsWith("id=")).toArray(String[]::new);
  }

  private static String createEhr(String[] args, Map<String, String> vars, String ehrId) {
    ObjectNode status;
    if (args.length > 1) {
      status = (ObjectNode) parse(Api.read(DATA_LOAD.resolve("ehrs").resolve(args[1])));
    } else {
      status = (ObjectNode) parse(Api.read(DEFAULT_STATUS));
      ObjectNode ref = (ObjectNode) status.path("subject").path("external_ref");
      ((ObjectNode) ref.path("id")).put("value", UUID.randomUUID().toString());
      ref.put("namespace", "namespace_" + (1_000_000 + ThreadLocalRandom.current().nextInt(9_000_000)));
    }
    HttpResponse<String> r = Api.put("/ehr/" + ehrId, status.toString(), "application/json", "Prefer", "return=representation");
    if (r.statusCode() != 201) {
      throw new IllegalStateException("PUT /ehr/" + ehrId + ": " + r.statusCode() + " " + firstLine(r.body()));
    }
    JsonNode ehr = Api.json(r);
    String id = ehr.path("ehr_id").path("value").asText();
    vars.put(args[0], id);
    vars.put("ehr_id", id);
    HttpResponse<String> sr = Api.get("/ehr/" + id + "/ehr_status");
    if (sr.statusCode() != 200) {
      throw new IllegalStateException("GET ehr_status: " + sr.statusCode() + " " + firstLine(sr.body()));
    }
    JsonNode st = Api.json(sr);
    JsonNode ref = st.path("subject").path("external_ref");
    putIfPresent(vars, "ehr_status_uid", st.path("uid").path("value"));
    putIfPresent(vars, "ehr_status_subject_id", ref.path("id").path("value"));
    putIfPresent(vars, "ehr_status_subject_namespace", ref.path("namespace"));
    putIfPresent(vars, "subject_external_ref_value", ref.path("id").path("value"));
    putIfPresent(vars, "subject_external_ref_namespace", ref.path("namespace"));
    putIfPresent(vars, "ehr_time_created", ehr.path("time_created").path("value"));
    putIfPresent(vars, "system_id_with_tenant", ehr.path("system_id").path("value"));
    // the robot VERSION suites' tenant prefix: the system id's first label and a dot
    vars.put("tenant_id_from_system_id", vars.getOrDefault("system_id_with_tenant", "").split("\\.")[0] + ".");
    return id;
  }

  private static String requireEhr(String ehrId, String step) {
    if (ehrId == null) {
      throw new IllegalStateException(step + " before any ehr");
    }
    return ehrId;
  }

  private static void commit(String ehrId, String[] args, Map<String, String> vars, boolean fullUid, String uid) {
    String body = Placeholders.substitute(Api.read(DATA_LOAD.resolve("compositions").resolve(args[1])), vars);
    String path = "/ehr/" + ehrId + "/composition";
    if (args.length == 2) {
      ObjectNode tree = (ObjectNode) parse(body);
      if (!tree.has("uid")) {
        tree.putObject("uid").put("_type", "HIER_OBJECT_ID").put("value", uid);
      }
      body = tree.toString();
    } else {
      if (!args[2].equals("FLAT") || args.length != 4) {
        throw new IllegalArgumentException("expected '<variable> <file> [FLAT <template id>]'");
      }
      path += "?format=FLAT&templateId=" + Api.encode(args[3]);
    }
    HttpResponse<String> r = Api.post(path, body, "application/json", "Prefer", "return=minimal");
    if (r.statusCode() != 201) {
      throw new IllegalStateException("POST composition: " + r.statusCode() + " " + firstLine(r.body()));
    }
    String versionUid = r.headers().firstValue("ETag").orElseThrow().replace("\"", "");
    String[] parts = versionUid.split("::");
    vars.put(args[0], fullUid ? versionUid : parts[0]);
    vars.put("c_uid", parts[0]);
    vars.put("composition_short_uid", parts[0]);
    if (parts.length > 1) {
      vars.put("system_id_with_tenant", parts[1]);
    }
  }

  /** {@code contribution = <variable> <file of test_data_sets>}: commit a contribution, name its first version uid. */
  private static void contribution(String ehrId, String[] args, Map<String, String> vars) {
    if (args.length != 2) {
      throw new IllegalArgumentException("expected 'contribution = <variable> <file>'");
    }
    String body = Placeholders.substitute(Api.read(Api.TEST_DATA.resolve(args[1])), vars);
    HttpResponse<String> r = Api.post("/ehr/" + ehrId + "/contribution", body, "application/json", "Prefer", "return=representation");
    if (r.statusCode() != 201) {
      throw new IllegalStateException("POST contribution: " + r.statusCode() + " " + firstLine(r.body()));
    }
    String versionUid = Api.json(r).path("versions").path(0).path("id").path("value").asText();
    vars.put(args[0], versionUid);
    vars.put("c_uid", versionUid.split("::")[0]);
  }

  private static void createDirectory(String ehrId, String file, Map<String, String> vars) {
    String body = Placeholders.substitute(Api.read(DATA_LOAD.resolve("folder").resolve(file)), vars);
    HttpResponse<String> r = Api.post("/ehr/" + ehrId + "/directory", body, "application/json", "Prefer", "return=minimal");
    if (r.statusCode() != 201) {
      throw new IllegalStateException("POST directory: " + r.statusCode() + " " + firstLine(r.body()));
    }
  }

  /** {@code update = <new variable> <variable of the preceding version uid> <file>}: PUT a new version. */
  private static void update(String ehrId, String[] args, Map<String, String> vars) {
    String preceding = variable(vars, args, 1, "update = <new variable> <preceding version variable> <file>", 3);
    String body = Placeholders.substitute(Api.read(DATA_LOAD.resolve("compositions").resolve(args[2])), vars);
    String path = "/ehr/" + ehrId + "/composition/" + preceding.split("::")[0];
    HttpResponse<String> r = Api.put(path, body, "application/json", "If-Match", preceding, "Prefer", "return=minimal");
    if (r.statusCode() != 200 && r.statusCode() != 204) {
      throw new IllegalStateException("PUT composition: " + r.statusCode() + " " + firstLine(r.body()));
    }
    vars.put(args[0], r.headers().firstValue("ETag").orElseThrow().replace("\"", ""));
  }

  /** {@code delete = <variable of the version uid>}: logical delete of that composition. */
  private static void deleteComposition(String ehrId, String[] args, Map<String, String> vars) {
    String preceding = variable(vars, args, 0, "delete = <version variable>", 1);
    HttpResponse<String> r = Api.delete("/ehr/" + ehrId + "/composition/" + preceding);
    if (r.statusCode() != 204) {
      throw new IllegalStateException("DELETE composition " + preceding + ": " + r.statusCode() + " " + firstLine(r.body()));
    }
  }

  /** {@code ehr_status = <new variable> <file of data_load/ehrs>}: a new EHR_STATUS version of the last EHR. */
  private static void updateStatus(String ehrId, String[] args, Map<String, String> vars) {
    if (args.length != 2) {
      throw new IllegalArgumentException("expected 'ehr_status = <new variable> <file>'");
    }
    String preceding = vars.get("ehr_status_uid");
    String body = Api.read(DATA_LOAD.resolve("ehrs").resolve(args[1]));
    HttpResponse<String> r = Api.put("/ehr/" + ehrId + "/ehr_status", body, "application/json",
        "If-Match", preceding, "Prefer", "return=representation");
    if (r.statusCode() != 200) {
      throw new IllegalStateException("PUT ehr_status: " + r.statusCode() + " " + firstLine(r.body()));
    }
    JsonNode st = Api.json(r);
    JsonNode ref = st.path("subject").path("external_ref");
    vars.put(args[0], st.path("uid").path("value").asText());
    putIfPresent(vars, "ehr_status_uid", st.path("uid").path("value"));
    putIfPresent(vars, "ehr_status_subject_id", ref.path("id").path("value"));
    putIfPresent(vars, "ehr_status_subject_namespace", ref.path("namespace"));
    putIfPresent(vars, "subject_external_ref_value", ref.path("id").path("value"));
    putIfPresent(vars, "subject_external_ref_namespace", ref.path("namespace"));
  }

  private static String variable(Map<String, String> vars, String[] args, int index, String usage, int count) {
    if (args.length != count || vars.get(args[index]) == null) {
      throw new IllegalArgumentException("expected '" + usage + "' with a variable set before");
    }
    return vars.get(args[index]);
  }

  private static void adminDelete(String ehrId) {
    HttpResponse<String> r = Api.delete(TestServer.get().baseUrl() + "/ehrbase/rest/admin/ehr/" + ehrId);
    if (r.statusCode() != 204 && r.statusCode() != 404) {
      throw new IllegalStateException("admin delete of EHR " + ehrId + ": " + r.statusCode() + " " + firstLine(r.body()));
    }
  }

  /** Deletes every EHR of the test server (admin endpoint; ids read from the store). */
  static void deleteAllEhrs() {
    List<String> ids = new ArrayList<>();
    try (Connection c = TestServer.get().cdr().database().connection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select ehr_id from ehr")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("listing EHRs: " + e.getMessage(), e);
    }
    ids.forEach(Fixtures::adminDelete);
  }

  private static void putIfPresent(Map<String, String> vars, String name, JsonNode value) {
    if (!value.isMissingNode() && !value.isNull()) {
      vars.put(name, value.asText());
    }
  }

  private static JsonNode parse(String json) {
    try {
      return Api.JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("not JSON: " + e.getMessage(), e);
    }
  }

  static String firstLine(String s) {
    String t = s == null ? "" : s.strip();
    int nl = t.indexOf('\n');
    t = nl < 0 ? t : t.substring(0, nl);
    return t.length() > 300 ? t.substring(0, 300) + "..." : t;
  }
}
