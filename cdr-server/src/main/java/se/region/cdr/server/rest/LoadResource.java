package se.region.cdr.server.rest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
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
 * 400 with the rule named. A mapping with lookups (side files joined by key) takes a ZIP body
 * ({@code Content-Type: application/zip}) holding the input, named by {@code &input=}, and the
 * lookup files beside it; they live in a temporary directory for the load only.
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
  public Response load(InputStream body, @HeaderParam("Content-Type") String contentType, @QueryParam("mapping") String mappingId,
      @QueryParam("version") String version, @QueryParam("batch") Integer batch, @QueryParam("input") String inputName) {
    if (mappingId == null || mappingId.isBlank()) {
      throw CdrException.badRequest("The mapping parameter is required (a shipped or uploaded mapping id)");
    }
    Mapping mapping = withMappingErrors(() -> cdr.mappings().find(mappingId, version));
    boolean zip = contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/zip");
    java.nio.file.Path dir = null;
    try {
      dir = Files.createTempDirectory("cdr-load-");
      java.nio.file.Path input = zip ? unzip(body, dir, inputName) : dir.resolve("input");
      if (!zip) {
        Files.copy(body, input);
      }
      LoadOptions options = LoadOptions.defaults("http-upload").withBatchSize(batch == null || batch < 1 ? LoadOptions.DEFAULT_BATCH : batch);
      LoadReport report = withMappingErrors(() -> cdr.loader().load(mapping, input, options, ProgressListener.NONE));
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
      deleteQuietly(dir);
    }
  }

  /** Writes a ZIP body's files (by their names, without folders) into {@code dir}; returns the input. */
  private static java.nio.file.Path unzip(InputStream body, java.nio.file.Path dir, String inputName) throws IOException {
    if (inputName == null || inputName.isBlank()) {
      throw CdrException.badRequest("A ZIP upload names its input file with ?input=<file name> (the other files are the mapping's lookups)");
    }
    List<String> names = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(body)) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (entry.isDirectory()) {
          continue;
        }
        String name = java.nio.file.Path.of(entry.getName()).getFileName().toString();
        if (name.startsWith(".") || names.contains(name)) {
          throw CdrException.badRequest("The ZIP holds " + entry.getName() + ": files need distinct names that do not start with a dot");
        }
        names.add(name);
        Files.copy(zip, dir.resolve(name));
      }
    }
    if (!names.contains(inputName)) {
      throw CdrException.badRequest("The ZIP has no file " + inputName + " (it holds " + names + ")");
    }
    return dir.resolve(inputName);
  }

  private static void deleteQuietly(java.nio.file.Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory left behind is harmless
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
