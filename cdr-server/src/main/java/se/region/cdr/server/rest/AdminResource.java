package se.region.cdr.server.rest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import se.region.cdr.core.CdrException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import se.region.cdr.server.Cdr;

/**
 * Test-mode administration (registered only when CDR_ADMIN_ENABLED=true): remove an EHR and all in
 * it; show the SQL and the PostgreSQL plan (EXPLAIN ANALYZE, BUFFERS) of an AQL query.
 */
@Path("ehrbase/rest/admin")
public final class AdminResource {
  private final Cdr cdr;

  public AdminResource(Cdr cdr) {
    this.cdr = requireNonNull(cdr, "cdr is null");
  }

  @DELETE
  @Path("ehr/{ehr_id}")
  public Response deleteEhr(@PathParam("ehr_id") String ehrId) {
    cdr.ehrs().deleteEhr(Http.existingId(ehrId, "EHR"));
    return Response.noContent().build();
  }

  @POST
  @Path("query/explain")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response explain(String body) throws java.io.IOException {
    JsonNode request = new ObjectMapper().readTree(body == null ? "{}" : body);
    String q = request == null ? null : request.path("q").asText(null);
    if (q == null) {
      throw CdrException.badRequest("The request body has no 'q' (the AQL text)");
    }
    return Response.ok(cdr.aql().explain(q, QueryResource.parameters(request.get("query_parameters")), null, null)).build();
  }
}
