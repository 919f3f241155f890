package se.region.cdr.server.rest;

import static java.util.Objects.requireNonNull;

import com.nedap.archie.rm.composition.Composition;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ehr.StoredVersion;
import se.region.cdr.core.ehr.VersionUid;
import se.region.cdr.core.rm.CompositionFormat;
import se.region.cdr.server.Cdr;

/** COMPOSITION: create, get (by version, by object, at a time), update, logical delete. */
@Path("openehr/v1/ehr/{ehr_id}/composition")
public final class CompositionResource {
  private final Cdr cdr;

  public CompositionResource(Cdr cdr) {
    this.cdr = requireNonNull(cdr, "cdr is null");
  }

  @POST
  public Response create(@PathParam("ehr_id") String ehrId, @QueryParam("format") String format, @QueryParam("templateId") String templateId,
      @HeaderParam(Http.PREFER) String prefer, String body, @Context HttpHeaders headers, @Context ContainerRequestContext request) {
    UUID ehr = Http.existingId(ehrId, "EHR");
    CompositionFormat in = inputFormat(format, headers);
    Composition composition = cdr.codec().readComposition(body, in, templateId);
    StoredVersion v = cdr.compositions().create(ehr, composition, Http.committer(headers), null);
    return written(Response.Status.CREATED, ehr, v, prefer, format, headers, request);
  }

  @GET
  @Path("{uid_based_id}")
  public Response get(@PathParam("ehr_id") String ehrId, @PathParam("uid_based_id") String uidBasedId,
      @QueryParam("version_at_time") String at, @QueryParam("format") String format, @Context HttpHeaders headers,
      @Context ContainerRequestContext request) {
    UUID ehr = Http.existingId(ehrId, "EHR");
    StoredVersion v;
    if (VersionUid.isVersionUid(uidBasedId)) {
      VersionUid uid = VersionUid.parse(uidBasedId);
      v = cdr.compositions().version(ehr, uid.objectId(), uid.version());
    } else {
      UUID objectId = Http.existingId(uidBasedId, "Composition");
      v = at == null ? cdr.compositions().version(ehr, objectId, 0) : cdr.compositions().versionAt(ehr, objectId, Http.time(at, "version_at_time"));
    }
    if (v.deleted()) {
      return Http.withVersionHeaders(Response.noContent(), v.uid().toString(), null, v.audit().committedAt()).build();
    }
    Response.ResponseBuilder b = Response.ok();
    body(b, v, format, headers);
    return Http.withVersionHeaders(b, v.uid().toString(), Http.link(request, "ehr/" + ehr + "/composition/" + v.uid()), v.audit().committedAt()).build();
  }

  @PUT
  @Path("{versioned_object_uid}")
  public Response update(@PathParam("ehr_id") String ehrId, @PathParam("versioned_object_uid") String objectUid,
      @HeaderParam("If-Match") String ifMatch, @QueryParam("format") String format, @QueryParam("templateId") String templateId,
      @HeaderParam(Http.PREFER) String prefer, String body, @Context HttpHeaders headers, @Context ContainerRequestContext request) {
    UUID ehr = Http.existingId(ehrId, "EHR");
    UUID objectId = VersionUid.isVersionUid(objectUid) ? VersionUid.parse(objectUid).objectId() : Http.existingId(objectUid, "Composition");
    VersionUid preceding = Http.ifMatch(ifMatch);
    if (!preceding.objectId().equals(objectId)) {
      throw CdrException.badRequest("If-Match " + preceding + " is not a version of composition " + objectId);
    }
    Composition composition = cdr.codec().readComposition(body, inputFormat(format, headers), templateId);
    StoredVersion v = cdr.compositions().update(ehr, objectId, preceding, composition, Http.committer(headers), null);
    return written(Response.Status.OK, ehr, v, prefer, format, headers, request);
  }

  @DELETE
  @Path("{preceding_version_uid}")
  public Response delete(@PathParam("ehr_id") String ehrId, @PathParam("preceding_version_uid") String precedingUid,
      @Context HttpHeaders headers, @Context ContainerRequestContext request) {
    UUID ehr = Http.existingId(ehrId, "EHR");
    if (!VersionUid.isVersionUid(precedingUid)) {
      Http.existingId(precedingUid, "Composition");
      throw CdrException.badRequest("DELETE needs the preceding version uid (object_id::system_id::version), not " + precedingUid);
    }
    VersionUid deleted = cdr.compositions().delete(ehr, VersionUid.parse(precedingUid), Http.committer(headers), null);
    return Http.withVersionHeaders(Response.noContent(), deleted.toString(), Http.link(request, "ehr/" + ehr + "/composition/" + deleted), null).build();
  }

  /** 201 (create) or 200 (update) with the representation; minimal gives 201 or 204 without a body. */
  private Response written(Response.Status status, UUID ehr, StoredVersion v, String prefer, String format, HttpHeaders headers,
      ContainerRequestContext request) {
    boolean minimal = Http.minimal(prefer);
    Response.ResponseBuilder b = Response.status(minimal && status == Response.Status.OK ? Response.Status.NO_CONTENT : status);
    Http.withVersionHeaders(b, v.uid().toString(), Http.link(request, "ehr/" + ehr + "/composition/" + v.uid()), v.audit().committedAt());
    if (!minimal) {
      body(b, v, format, headers);
    }
    return b.build();
  }

  private void body(Response.ResponseBuilder b, StoredVersion v, String format, HttpHeaders headers) {
    CompositionFormat out = CompositionFormat.fromParameter(format);
    if (out == null) {
      out = Http.wantsXml(headers) ? CompositionFormat.XML : CompositionFormat.JSON;
    }
    if (out == CompositionFormat.JSON) {
      b.entity(v.data().toString()).type(MediaType.APPLICATION_JSON_TYPE);
      return;
    }
    Composition composition = cdr.codec().fromTree(v.data(), Composition.class);
    String templateId = composition.getArchetypeDetails().getTemplateId().getValue();
    b.entity(cdr.codec().write(composition, out, templateId)).type(out == CompositionFormat.XML ? Http.XML : MediaType.APPLICATION_JSON_TYPE);
  }

  private static CompositionFormat inputFormat(String format, HttpHeaders headers) {
    CompositionFormat f = CompositionFormat.fromParameter(format);
    if (f != null) {
      return f;
    }
    MediaType type = headers.getMediaType();
    return type != null && type.isCompatible(Http.XML) ? CompositionFormat.XML : CompositionFormat.JSON;
  }
}
