package se.region.cdr.server.rest;

import static java.util.Objects.requireNonNull;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.UUID;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ehr.CompositionService.VersionedComposition;
import se.region.cdr.core.ehr.StoredVersion;
import se.region.cdr.core.ehr.VersionUid;
import se.region.cdr.server.Cdr;

/** VERSIONED_COMPOSITION: the versioned object, its revision history and its versions. */
@Path("openehr/v1/ehr/{ehr_id}/versioned_composition/{versioned_object_uid}")
@Produces(MediaType.APPLICATION_JSON)
public final class VersionedCompositionResource {
  private final Cdr cdr;

  public VersionedCompositionResource(Cdr cdr) {
    this.cdr = requireNonNull(cdr, "cdr is null");
  }

  @GET
  public Response get(@PathParam("ehr_id") String ehrId, @PathParam("versioned_object_uid") String uid) {
    VersionedComposition v = cdr.compositions().versioned(Http.existingId(ehrId, "EHR"), Http.existingId(uid, "Versioned composition"));
    return Response.ok(Representations.versionedObject(v.uid(), v.ehrId(), v.createdAt()).toString()).build();
  }

  @GET
  @Path("revision_history")
  public Response revisionHistory(@PathParam("ehr_id") String ehrId, @PathParam("versioned_object_uid") String uid) {
    VersionedComposition v = cdr.compositions().versioned(Http.existingId(ehrId, "EHR"), Http.existingId(uid, "Versioned composition"));
    return Response.ok(Representations.revisionHistory(v.versions(), cdr.config().systemId()).toString()).build();
  }

  @GET
  @Path("version")
  public Response versionAt(@PathParam("ehr_id") String ehrId, @PathParam("versioned_object_uid") String uid, @QueryParam("version_at_time") String at) {
    UUID ehr = Http.existingId(ehrId, "EHR");
    UUID objectId = Http.existingId(uid, "Versioned composition");
    OffsetDateTime time = Http.time(at, "version_at_time");
    StoredVersion v = time == null ? cdr.compositions().version(ehr, objectId, 0) : cdr.compositions().versionAt(ehr, objectId, time);
    return ok(v);
  }

  @GET
  @Path("version/{version_uid}")
  public Response version(@PathParam("ehr_id") String ehrId, @PathParam("versioned_object_uid") String uid, @PathParam("version_uid") String versionUid) {
    UUID ehr = Http.existingId(ehrId, "EHR");
    UUID objectId = Http.existingId(uid, "Versioned composition");
    VersionUid version = VersionUid.parse(versionUid);
    if (!version.objectId().equals(objectId)) {
      throw CdrException.notFound("Version " + versionUid + " is not a version of " + objectId);
    }
    return ok(cdr.compositions().version(ehr, objectId, version.version()));
  }

  private Response ok(StoredVersion v) {
    return Response.ok(Representations.originalVersion(v, cdr.config().systemId()).toString()).tag(v.uid().toString()).build();
  }
}
