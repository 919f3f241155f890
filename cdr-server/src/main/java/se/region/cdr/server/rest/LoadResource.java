package se.region.cdr.server.rest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ErrorCode;
import se.region.cdr.loader.LoadOptions;
import se.region.cdr.loader.LoadReport;
import se.region.cdr.loader.LoaderException;
import se.region.cdr.loader.ProgressListener;
import se.region.cdr.loader.mapping.Mapping;
import se.region.cdr.loader.mapping.MappingException;
import se.region.cdr.server.Cdr;

/**
 * The bulk loader over HTTP: {@code POST /cdr/v1/load?mapping=<id>[&version=&batch=]} with the input
 * file as body answers 200 with the load report (JSON); {@code PUT /cdr/v1/mapping/{id}/{version}}
 * stores a mapping file (YAML or JSON) after checking it against its template. A bad mapping is
 * 400 with the rule named.
 */
@Path("cdr/v1")
public final class LoadResource {
  private final Cdr cdr;

  public LoadResource(Cdr cdr) {
    this.cdr = requireNonNull(cdr, "cdr is null");
  }

  @POST
  @Path("load")
  @Consumes(MediaType.WILDCARD)
  public Response load(InputStream body, @QueryParam("mapping") String mappingId, @QueryParam("version") String version,
      @QueryParam("batch") Integer batch) {
    if (mappingId == null || mappingId.isBlank()) {
      throw CdrException.badRequest("The mapping parameter is required (a shipped or uploaded mapping id)");
    }
    Mapping mapping = withMappingErrors(() -> cdr.mappings().find(mappingId, version));
    java.nio.file.Path input = null;
    try {
      input = Files.createTempFile("cdr-load-", ".input");
      Files.copy(body, input, StandardCopyOption.REPLACE_EXISTING);
      LoadOptions options = LoadOptions.defaults("http-upload").withBatchSize(batch == null || batch < 1 ? LoadOptions.DEFAULT_BATCH : batch);
      java.nio.file.Path file = input;
      LoadReport report = withMappingErrors(() -> cdr.loader().load(mapping, file, options, ProgressListener.NONE));
      return Response.ok(report.toJson().toString(), MediaType.APPLICATION_JSON_TYPE).build();
    } catch (IOException e) {
      throw CdrException.badRequest("Could not read the request body: " + e.getMessage());
    } catch (LoaderException e) {
      throw switch (e.reason()) {
        case BUSY -> CdrException.conflict(e.getMessage());
        case BAD_INPUT -> CdrException.badRequest(e.getMessage());
        default -> new CdrException(ErrorCode.INTERNAL, e.getMessage(), e);
      };
    } finally {
      if (input != null) {
        try {
          Files.deleteIfExists(input);
        } catch (IOException ignored) {
          // a temp file left behind is harmless
        }
      }
    }
  }

  @PUT
  @Path("mapping/{id}/{version}")
  @Consumes(MediaType.WILDCARD)
  public Response upload(@PathParam("id") String id, @PathParam("version") String version, byte[] body) {
    Mapping m = withMappingErrors(() -> cdr.mappings().upload(id, version, new String(body, StandardCharsets.UTF_8)));
    return Response.status(Response.Status.CREATED)
        .entity(JsonNodeFactory.instance.objectNode().put("mapping", m.id()).put("version", m.version()).put("template", m.templateId()).toString())
        .type(MediaType.APPLICATION_JSON_TYPE).build();
  }

  private static <T> T withMappingErrors(java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (MappingException e) {
      throw CdrException.badRequest("Bad mapping: " + e.getMessage());
    }
  }
}
