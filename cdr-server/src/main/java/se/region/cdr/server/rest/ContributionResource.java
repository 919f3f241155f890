package se.region.cdr.server.rest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ErrorCode;
import se.region.cdr.core.rm.RmCodec;
import se.region.cdr.core.store.ContributionStore.StoredContribution;
import se.region.cdr.server.Cdr;

/** CONTRIBUTION: commit several versions atomically; get one. */
@Path("openehr/v1/ehr/{ehr_id}/contribution")
@Produces(MediaType.APPLICATION_JSON)
public final class ContributionResource {
  private final Cdr cdr;

  public ContributionResource(Cdr cdr) {
    this.cdr = requireNonNull(cdr, "cdr is null");
  }

  @POST
  public Response commit(@PathParam("ehr_id") String ehrId, @HeaderParam(Http.PREFER) String prefer, String body,
      @Context HttpHeaders headers, @Context ContainerRequestContext request) {
    UUID ehr = Http.existingId(ehrId, "EHR");
    JsonNode tree;
    try {
      tree = RmCodec.JSON.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw new CdrException(ErrorCode.MALFORMED_CONTENT, "Contribution is not valid JSON: " + e.getOriginalMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw new CdrException(ErrorCode.MALFORMED_CONTENT, "Contribution must be a JSON object");
    }
    StoredContribution c = cdr.contributions().commit(ehr, tree, Http.committer(headers));
    Response.ResponseBuilder b = Response.status(Response.Status.CREATED);
    Http.withVersionHeaders(b, c.uid().toString(), Http.link(request, "ehr/" + ehr + "/contribution/" + c.uid()), c.audit().committedAt());
    if (!Http.minimal(prefer)) {
      b.entity(Representations.contribution(c, cdr.config().systemId()).toString());
    }
    return b.build();
  }

  @GET
  @Path("{contribution_uid}")
  public Response get(@PathParam("ehr_id") String ehrId, @PathParam("contribution_uid") String uid) {
    StoredContribution c = cdr.contributions().get(Http.existingId(ehrId, "EHR"), Http.existingId(uid, "Contribution"));
    return Response.ok(Representations.contribution(c, cdr.config().systemId()).toString()).tag(c.uid().toString()).build();
  }
}
