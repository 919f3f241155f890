package se.region.cdr.server.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Liveness: 200 once the server accepts requests (the database and templates are ready by then). */
@Path("health")
public final class HealthResource {
  @GET
  public Response health() {
    return Response.ok("{\"status\":\"UP\"}", MediaType.APPLICATION_JSON_TYPE).build();
  }
}
