package se.region.cdr.bench.http;

import java.net.http.HttpResponse;

/**
 * What the harness keeps of a response: status, the version uid from the {@code ETag} header
 * (quotes removed) or else the last segment of {@code Location} ({@code null} when neither is
 * there), and the body.
 */
public record HttpResult(int status, String versionUid, String body) {

  private static final int BODY_KEPT = 300;

  public static HttpResult of(HttpResponse<String> response) {
    String uid =
        response
            .headers()
            .firstValue("ETag")
            .map(etag -> etag.replaceFirst("^W/", "").replace("\"", ""))
            .or(
                () ->
                    response
                        .headers()
                        .firstValue("Location")
                        .map(l -> l.substring(l.lastIndexOf('/') + 1)))
            .orElse(null);
    return new HttpResult(
        response.statusCode(), uid, response.body() == null ? "" : response.body());
  }

  /** The versioned object uid of a version uid: the part before the first {@code ::}. */
  public static String versionedObjectUid(String versionUid) {
    int end = versionUid.indexOf("::");
    return end < 0 ? versionUid : versionUid.substring(0, end);
  }

  public boolean is2xx() {
    return status >= 200 && status < 300;
  }

  /** A one-line description for error lists: the status and the start of the body. */
  public String describe() {
    String start = body.length() > BODY_KEPT ? body.substring(0, BODY_KEPT) + "..." : body;
    return status + " " + start.replaceAll("\\s+", " ");
  }
}
