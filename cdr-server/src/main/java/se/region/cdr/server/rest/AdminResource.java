package se.region.cdr.server.rest;

import static java.util.Objects.requireNonNull;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import se.region.cdr.server.Cdr;

/** Test-mode administration (registered only when CDR_ADMIN_ENABLED=true): remove an EHR and all in it. */
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
}
