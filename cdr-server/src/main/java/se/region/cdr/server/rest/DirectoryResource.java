package se.region.cdr.server.rest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nedap.archie.rm.directory.Folder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ehr.DirectoryService;
import se.region.cdr.core.ehr.StoredVersion;
import se.region.cdr.core.ehr.VersionUid;
import se.region.cdr.core.rm.CompositionFormat;
import se.region.cdr.server.Cdr;

/**
 * The EHR directory (openEHR REST 1.0.3, DIRECTORY): create, update and delete the versioned
 * FOLDER tree with If-Match, read the latest, at a time or by version uid, whole or the sub-folder
 * at a {@code path} of folder names.
 */
@Path("openehr/v1/ehr/{ehr_id}/directory")
@Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML})
public final class DirectoryResource {
  private final Cdr cdr;

  public DirectoryResource(Cdr cdr) {
    this.cdr = requireNonNull(cdr, "cdr is null");
  }

  @POST
  @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
  public Response create(@PathParam("ehr_id") String ehrId, @HeaderParam(Http.PREFER) String prefer, String body, @Context HttpHeaders headers,
      @Context ContainerRequestContext request) {
    UUID id = Http.existingId(ehrId, "EHR");
    StoredVersion v = cdr.directories().create(id, body, Http.committer(headers));
    Response.ResponseBuilder b = Http.minimal(prefer) ? Response.status(Response.Status.CREATED)
        : Response.status(Response.Status.CREATED).entity(body(v.data(), headers)).type(mediaType(headers));
    return headers(b, id, v, request).build();
  }

  @PUT
  @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
  public Response update(@PathParam("ehr_id") String ehrId, @HeaderParam("If-Match") String ifMatch, @HeaderParam(Http.PREFER) String prefer,
      String body, @Context HttpHeaders headers, @Context ContainerRequestContext request) {
    UUID id = Http.existingId(ehrId, "EHR");
    cdr.ehrs().require(id);
    VersionUid preceding = Http.ifMatch(ifMatch);
    StoredVersion v = cdr.directories().update(id, preceding, body, Http.committer(headers));
    Response.ResponseBuilder b = Http.minimal(prefer) ? Response.noContent() : Response.ok(body(v.data(), headers)).type(mediaType(headers));
    return headers(b, id, v, request).build();
  }

  @DELETE
  public Response delete(@PathParam("ehr_id") String ehrId, @HeaderParam("If-Match") String ifMatch, @Context HttpHeaders headers,
      @Context ContainerRequestContext request) {
    UUID id = Http.existingId(ehrId, "EHR");
    cdr.ehrs().require(id);
    VersionUid preceding = Http.ifMatch(ifMatch);
    StoredVersion v = cdr.directories().delete(id, preceding, Http.committer(headers));
    return headers(Response.noContent(), id, v, request).build();
  }

  @GET
  public Response getAt(@PathParam("ehr_id") String ehrId, @QueryParam("version_at_time") String at, @QueryParam("path") String path,
      @Context HttpHeaders headers, @Context ContainerRequestContext request) {
    UUID id = Http.existingId(ehrId, "EHR");
    return folder(id, cdr.directories().at(id, Http.time(at, "version_at_time")), path, headers, request);
  }

  @GET
  @Path("{version_uid}")
  public Response getVersion(@PathParam("ehr_id") String ehrId, @PathParam("version_uid") String versionUid, @QueryParam("path") String path,
      @Context HttpHeaders headers, @Context ContainerRequestContext request) {
    UUID id = Http.existingId(ehrId, "EHR");
    VersionUid uid;
    try {
      uid = VersionUid.parse(versionUid);
    } catch (CdrException e) {
      throw CdrException.notFound("Directory version " + versionUid + " not found in EHR " + ehrId);
    }
    return folder(id, cdr.directories().version(id, uid), path, headers, request);
  }

  /** 200 with the folder (or the sub-folder at {@code path}); 204 for a version that deleted the directory. */
  private Response folder(UUID ehrId, StoredVersion v, String path, HttpHeaders headers, ContainerRequestContext request) {
    if (v.deleted()) {
      return headers(Response.noContent(), ehrId, v, request).build();
    }
    ObjectNode folder = path == null ? v.data()
        : DirectoryService.subFolder(v.data(), path)
            .orElseThrow(() -> CdrException.notFound("No folder at path '" + path + "' in directory version " + v.uid()));
    return headers(Response.ok(body(folder, headers)).type(mediaType(headers)), ehrId, v, request).build();
  }

  private static Response.ResponseBuilder headers(Response.ResponseBuilder b, UUID ehrId, StoredVersion v, ContainerRequestContext request) {
    return Http.withVersionHeaders(b, v.uid().toString(), Http.link(request, "ehr/" + ehrId + "/directory/" + v.uid()), v.audit().committedAt());
  }

  private String body(ObjectNode folder, HttpHeaders headers) {
    if (Http.wantsXml(headers)) {
      return cdr.codec().write(cdr.codec().fromTree(folder, Folder.class), CompositionFormat.XML, null);
    }
    return folder.toString();
  }

  private static MediaType mediaType(HttpHeaders headers) {
    return Http.wantsXml(headers) ? Http.XML : MediaType.APPLICATION_JSON_TYPE;
  }
}
