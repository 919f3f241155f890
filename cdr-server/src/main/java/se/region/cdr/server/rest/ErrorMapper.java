package se.region.cdr.server.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ErrorCode;

/** The one mapping from errors to HTTP: status from the error code, a JSON body with message and details. */
@Provider
public final class ErrorMapper implements ExceptionMapper<Throwable> {
  private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

  @Override
  public Response toResponse(Throwable error) {
    if (error instanceof CdrException e) {
      if (e.errorCode() == ErrorCode.INTERNAL) {
        log.error("Internal error", e);
      }
      return body(e.errorCode().httpStatus(), e.errorCode().name(), e.getMessage(), e);
    }
    if (error instanceof WebApplicationException e) {
      int status = e.getResponse().getStatus();
      return body(status, Response.Status.fromStatusCode(status) == null ? "ERROR" : Response.Status.fromStatusCode(status).name(), e.getMessage(), null);
    }
    log.error("Unexpected error", error);
    return body(500, ErrorCode.INTERNAL.name(), "Internal error: " + error.getClass().getSimpleName(), null);
  }

  private static Response body(int status, String error, String message, CdrException e) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("error", error);
    n.put("message", message);
    if (e != null) {
      n.put("code", e.errorCode().code());
      if (!e.details().isEmpty()) {
        var details = n.putArray("details");
        e.details().forEach(details::add);
      }
    }
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(n.toString()).build();
  }
}
