package se.region.cdr.server.rest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import se.region.cdr.core.ehr.EhrRecord;
import se.region.cdr.core.ehr.StoredVersion;
import se.region.cdr.core.ehr.VersionUid;
import se.region.cdr.server.Cdr;

/** VERSIONED_EHR_STATUS: the versioned object, its revision history and its versions. */
@Path("openehr/v1/ehr/{ehr_id}/versioned_ehr_status")
@Produces(MediaType.APPLICATION_JSON)
public final class VersionedEhrStatusResource {
  private final Cdr cdr;

  public VersionedEhrStatusResource(Cdr cdr) {
    this.cdr = requireNonNull(cdr, "cdr is null");
  }

  @GET
  public Response versioned(@PathParam("ehr_id") String ehrId) {
    UUID id = Http.existingId(ehrId, "EHR");
    EhrRecord ehr = cdr.ehrs().require(id);
    ObjectNode n = Representations.versionedObject(ehr.statusUid(), id, ehr.createdAt());
    return Response.ok(n.toString()).build();
  }

  @GET
  @Path("revision_history")
  public Response revisionHistory(@PathParam("ehr_id") String ehrId) {
    List<StoredVersion> versions = cdr.ehrs().statusVersions(Http.existingId(ehrId, "EHR"));
    return Response.ok(Representations.revisionHistory(versions, cdr.config().systemId()).toString()).build();
  }

  @GET
  @Path("version")
  public Response versionAt(@PathParam("ehr_id") String ehrId, @QueryParam("version_at_time") String at) {
    UUID id = Http.existingId(ehrId, "EHR");
    StoredVersion v = cdr.ehrs().statusAt(id, Http.time(at, "version_at_time"));
    return Response.ok(Representations.originalVersion(v, cdr.config().systemId()).toString()).tag(v.uid().toString()).build();
  }

  @GET
  @Path("version/{version_uid}")
  public Response version(@PathParam("ehr_id") String ehrId, @PathParam("version_uid") String versionUid) {
    UUID id = Http.existingId(ehrId, "EHR");
    StoredVersion v = cdr.ehrs().statusVersion(id, VersionUid.parse(versionUid));
    return Response.ok(Representations.originalVersion(v, cdr.config().systemId()).toString()).tag(v.uid().toString()).build();
  }
}
