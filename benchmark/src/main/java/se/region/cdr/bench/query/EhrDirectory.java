package se.region.cdr.bench.query;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import se.region.cdr.bench.corpus.Subjects;
import se.region.cdr.bench.http.HttpResult;
import se.region.cdr.bench.http.OpenEhrClient;

/**
 * The server's EHR id of each corpus EHR, looked up by subject ({@code GET /ehr?subject_id=..}) on
 * first use and kept. Lookups happen before a step starts, never inside a timed run.
 */
final class EhrDirectory {

  private final OpenEhrClient client;
  private final Map<Integer, String> ids = new ConcurrentHashMap<>();

  EhrDirectory(OpenEhrClient client) {
    this.client = requireNonNull(client, "client is null");
  }

  /** The EHR id of corpus EHR {@code ehr}; an IOException says why there is none. */
  String idOf(int ehr) throws IOException, InterruptedException {
    String known = ids.get(ehr);
    if (known != null) {
      return known;
    }
    HttpResult result = client.findEhr(Subjects.idOf(ehr), Subjects.NAMESPACE);
    if (result.status() != 200) {
      throw new IOException("no EHR for subject " + Subjects.idOf(ehr) + ": " + result.describe());
    }
    String id = OpenEhrClient.ehrIdOf(result);
    ids.put(ehr, id);
    return id;
  }
}
