package se.region.cdr.server.rest;

import static java.util.Objects.requireNonNull;

import com.nedap.archie.rm.ehr.EhrStatus;
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
import se.region.cdr.core.ehr.EhrRecord;
import se.region.cdr.core.rm.CompositionFormat;
import se.region.cdr.server.Cdr;

/** EHR: create (POST, or PUT with a chosen id), get by id, get by subject. */
@Path("openehr/v1/ehr")
@Produces(MediaType.APPLICATION_JSON)
public final class EhrResource {
  private final Cdr cdr;

  public EhrResource(Cdr cdr) {
    this.cdr = requireNonNull(cdr, "cdr is null");
  }

  @POST
  public Response create(String body, @HeaderParam(Http.PREFER) String prefer, @Context HttpHeaders headers, @Context ContainerRequestContext request) {
    return created(cdr.ehrs().create(null, status(body, headers), Http.committer(headers)), prefer, request);
  }

  @PUT
  @Path("{ehr_id}")
  public Response createWithId(@PathParam("ehr_id") String ehrId, String body, @HeaderParam(Http.PREFER) String prefer,
      @Context HttpHeaders headers, @Context ContainerRequestContext request) {
    UUID id = Http.uuid(ehrId, "ehr_id");
    return created(cdr.ehrs().create(id, status(body, headers), Http.committer(headers)), prefer, request);
  }

  @GET
  @Path("{ehr_id}")
  public Response get(@PathParam("ehr_id") String ehrId, @Context ContainerRequestContext request) {
    return ok(cdr.ehrs().require(Http.existingId(ehrId, "EHR")), request);
  }

  @GET
  public Response getBySubject(@QueryParam("subject_id") String subjectId, @QueryParam("subject_namespace") String namespace,
      @Context ContainerRequestContext request) {
    if (subjectId == null || namespace == null) {
      throw CdrException.badRequest("subject_id and subject_namespace are both required");
    }
    EhrRecord ehr = cdr.ehrs().findBySubject(subjectId, namespace)
        .orElseThrow(() -> CdrException.notFound("No EHR for subject " + subjectId + " in namespace " + namespace));
    return ok(ehr, request);
  }

  private EhrStatus status(String body, HttpHeaders headers) {
    if (body == null || body.isBlank()) {
      return null;
    }
    MediaType type = headers.getMediaType();
    CompositionFormat format = type != null && type.isCompatible(Http.XML) ? CompositionFormat.XML : CompositionFormat.JSON;
    return cdr.codec().read(body, format, null, EhrStatus.class);
  }

  private Response created(EhrRecord ehr, String prefer, ContainerRequestContext request) {
    Response.ResponseBuilder b = Response.status(Response.Status.CREATED);
    Http.withVersionHeaders(b, ehr.ehrId().toString(), Http.link(request, "ehr/" + ehr.ehrId()), ehr.createdAt());
    if (!Http.minimal(prefer)) {
      b.entity(Representations.ehr(ehr, cdr.config().systemId()).toString()).type(MediaType.APPLICATION_JSON_TYPE);
    }
    return b.build();
  }

  private Response ok(EhrRecord ehr, ContainerRequestContext request) {
    Response.ResponseBuilder b = Response.ok(Representations.ehr(ehr, cdr.config().systemId()).toString());
    return Http.withVersionHeaders(b, ehr.ehrId().toString(), Http.link(request, "ehr/" + ehr.ehrId()), ehr.createdAt()).build();
  }
}
