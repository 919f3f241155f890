package se.region.cdr.server.rest;

import static java.util.Objects.requireNonNull;

import com.nedap.archie.rm.ehr.EhrStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import se.region.cdr.core.ehr.StoredVersion;
import se.region.cdr.core.ehr.VersionUid;
import se.region.cdr.core.rm.CompositionFormat;
import se.region.cdr.server.Cdr;

/** EHR_STATUS of an EHR: current, by version, at a time; update with If-Match. */
@Path("openehr/v1/ehr/{ehr_id}/ehr_status")
@Produces(MediaType.APPLICATION_JSON)
public final class EhrStatusResource {
  private final Cdr cdr;

  public EhrStatusResource(Cdr cdr) {
    this.cdr = requireNonNull(cdr, "cdr is null");
  }

  @GET
  public Response getAt(@PathParam("ehr_id") String ehrId, @QueryParam("version_at_time") String at, @Context HttpHeaders headers,
      @Context ContainerRequestContext request) {
    UUID id = Http.existingId(ehrId, "EHR");
    return status(id, cdr.ehrs().statusAt(id, Http.time(at, "version_at_time")), headers, request);
  }

  @GET
  @Path("{version_uid}")
  public Response getVersion(@PathParam("ehr_id") String ehrId, @PathParam("version_uid") String versionUid, @Context HttpHeaders headers,
      @Context ContainerRequestContext request) {
    UUID id = Http.existingId(ehrId, "EHR");
    return status(id, cdr.ehrs().statusVersion(id, VersionUid.parse(versionUid)), headers, request);
  }

  @PUT
  public Response update(@PathParam("ehr_id") String ehrId, @HeaderParam("If-Match") String ifMatch, @HeaderParam(Http.PREFER) String prefer,
      String body, @Context HttpHeaders headers, @Context ContainerRequestContext request) {
    UUID id = Http.existingId(ehrId, "EHR");
    cdr.ehrs().require(id);
    VersionUid preceding = Http.ifMatch(ifMatch);
    MediaType type = headers.getMediaType();
    CompositionFormat format = type != null && type.isCompatible(Http.XML) ? CompositionFormat.XML : CompositionFormat.JSON;
    EhrStatus status = cdr.codec().read(body, format, null, EhrStatus.class);
    StoredVersion v = cdr.ehrs().updateStatus(id, preceding, status, Http.committer(headers), null);
    Response.ResponseBuilder b = Http.minimal(prefer) ? Response.noContent() : Response.ok(body(v, headers)).type(mediaType(headers));
    return Http.withVersionHeaders(b, v.uid().toString(), Http.link(request, "ehr/" + id + "/ehr_status/" + v.uid()), v.audit().committedAt()).build();
  }

  private Response status(UUID ehrId, StoredVersion v, HttpHeaders headers, ContainerRequestContext request) {
    Response.ResponseBuilder b = Response.ok(body(v, headers)).type(mediaType(headers));
    return Http.withVersionHeaders(b, v.uid().toString(), Http.link(request, "ehr/" + ehrId + "/ehr_status/" + v.uid()), v.audit().committedAt()).build();
  }

  private String body(StoredVersion v, HttpHeaders headers) {
    if (Http.wantsXml(headers)) {
      return cdr.codec().write(cdr.codec().fromTree(v.data(), EhrStatus.class), CompositionFormat.XML, null);
    }
    return v.data().toString();
  }

  private static MediaType mediaType(HttpHeaders headers) {
    return Http.wantsXml(headers) ? Http.XML : MediaType.APPLICATION_JSON_TYPE;
  }
}
