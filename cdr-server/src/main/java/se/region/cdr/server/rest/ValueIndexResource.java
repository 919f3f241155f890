package se.region.cdr.server.rest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import se.region.cdr.aql.ValueIndexes;
import se.region.cdr.core.CdrException;
import se.region.cdr.server.Cdr;

/**
 * Declared AQL value indexes (see aql-engine's {@code ValueIndexes}): {@code POST /cdr/v1/aql-index}
 * with {@code {"archetype_id": ..., "path": ...}} declares one and fills it from the stored
 * compositions (201, or 200 when it was declared already); {@code GET} lists them with their value
 * counts; {@code DELETE /cdr/v1/aql-index/{id}} removes one (204, 404 when unknown).
 */
@Path("cdr/v1/aql-index")
@Produces(MediaType.APPLICATION_JSON)
public final class ValueIndexResource {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final ValueIndexes indexes;

  public ValueIndexResource(Cdr cdr) {
    this.indexes = new ValueIndexes(requireNonNull(cdr, "cdr is null").database().dataSource());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response declare(String body) throws IOException {
    JsonNode request = new ObjectMapper().readTree(body == null || body.isBlank() ? "{}" : body);
    String archetypeId = request.path("archetype_id").asText(null);
    String path = request.path("path").asText(null);
    if (archetypeId == null || path == null) {
      throw CdrException.badRequest("The request body needs 'archetype_id' and 'path'");
    }
    ValueIndexes.Declared declared = indexes.declare(archetypeId, path);
    return Response.status(declared.created() ? Response.Status.CREATED : Response.Status.OK).entity(json(declared).toString()).build();
  }

  @GET
  public Response list() {
    ArrayNode out = F.arrayNode();
    indexes.list().forEach(d -> out.add(json(d)));
    return Response.ok(out.toString()).build();
  }

  @DELETE
  @Path("{id}")
  public Response drop(@PathParam("id") String id) {
    int number;
    try {
      number = Integer.parseInt(id);
    } catch (NumberFormatException e) {
      throw CdrException.notFound("No AQL value index " + id);
    }
    if (!indexes.drop(number)) {
      throw CdrException.notFound("No AQL value index " + id);
    }
    return Response.noContent().build();
  }

  private static ObjectNode json(ValueIndexes.Declared d) {
    return F.objectNode().put("id", d.index().id()).put("archetype_id", d.index().archetypeId()).put("path", d.index().path())
        .put("values", d.values());
  }
}
