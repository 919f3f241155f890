package se.region.cdr.server.rest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.glassfish.jersey.server.CloseableService;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import se.region.cdr.aql.AqlService;
import se.region.cdr.aql.QueryCompiler;
import se.region.cdr.aql.StoredQueries;
import se.region.cdr.aql.StoredQueries.StoredQuery;
import se.region.cdr.core.CdrException;
import se.region.cdr.server.Cdr;

/**
 * AQL over the openEHR REST API: ad-hoc queries ({@code /query/aql}, GET and POST), stored query
 * definitions ({@code /definition/query/{name}/{version}}) and their execution
 * ({@code /query/{name}[/{version}]}). Results are the openEHR RESULTSET JSON, streamed row by row.
 */
@Path("openehr/v1")
@Produces(MediaType.APPLICATION_JSON)
public final class QueryResource {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> RESERVED = Set.of("q", "offset", "fetch", "query_parameters");

  private final AqlService aql;
  private final StoredQueries stored;

  public QueryResource(Cdr cdr) {
    requireNonNull(cdr, "cdr is null");
    this.aql = cdr.aql();
    this.stored = cdr.storedQueries();
  }

  @POST
  @Path("query/aql")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response post(String body, @Context CloseableService closer) {
    JsonNode request = parseBody(body);
    String q = request.path("q").asText(null);
    if (q == null) {
      throw CdrException.badRequest("The request body has no 'q' (the AQL text)");
    }
    return run(closer, q, null, parameters(request.get("query_parameters")), longOf(request.get("fetch")), longOf(request.get("offset")));
  }

  @GET
  @Path("query/aql")
  public Response get(@QueryParam("q") String q, @Context UriInfo uri, @Context CloseableService closer) {
    if (q == null) {
      throw CdrException.badRequest("Query parameter 'q' (the AQL text) is missing");
    }
    MultivaluedMap<String, String> query = uri.getQueryParameters();
    return run(closer, q, null, urlParameters(query), longParam(query, "fetch"), longParam(query, "offset"));
  }

  @POST
  @Path("query/{qualified_query_name}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response postStored(@PathParam("qualified_query_name") String name, String body, @Context CloseableService closer) {
    return postStored(name, null, body, closer);
  }

  @POST
  @Path("query/{qualified_query_name}/{version}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response postStored(@PathParam("qualified_query_name") String name, @PathParam("version") String version, String body,
      @Context CloseableService closer) {
    StoredQuery query = stored.find(name, version);
    JsonNode request = body == null || body.isBlank() ? F.objectNode() : parseBody(body);
    return run(closer, query.query(), query, parameters(request.get("query_parameters")), longOf(request.get("fetch")), longOf(request.get("offset")));
  }

  @GET
  @Path("query/{qualified_query_name}")
  public Response getStored(@PathParam("qualified_query_name") String name, @Context UriInfo uri, @Context CloseableService closer) {
    return getStored(name, null, uri, closer);
  }

  @GET
  @Path("query/{qualified_query_name}/{version}")
  public Response getStored(@PathParam("qualified_query_name") String name, @PathParam("version") String version, @Context UriInfo uri,
      @Context CloseableService closer) {
    StoredQuery query = stored.find(name, version);
    MultivaluedMap<String, String> params = uri.getQueryParameters();
    return run(closer, query.query(), query, urlParameters(params), longParam(params, "fetch"), longParam(params, "offset"));
  }

  @PUT
  @Path("definition/query/{qualified_query_name}/{version}")
  @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON, MediaType.WILDCARD})
  public Response store(@PathParam("qualified_query_name") String name, @PathParam("version") String version,
      @QueryParam("type") String type, String body, @Context ContainerRequestContext request) {
    String text = body;
    if (body != null && body.stripLeading().startsWith("{")) {
      text = parseBody(body).path("q").asText(null);
    }
    StoredQuery saved = stored.store(name, version, type, text);
    return Response.ok(definition(saved))
        .location(Http.link(request, "definition/query/" + saved.name() + "/" + saved.version()))
        .build();
  }

  @GET
  @Path("definition/query")
  public Response list() {
    return Response.ok(definitions(stored.list(null))).build();
  }

  @GET
  @Path("definition/query/{qualified_query_name}")
  public Response list(@PathParam("qualified_query_name") String name) {
    return Response.ok(definitions(stored.list(name))).build();
  }

  @GET
  @Path("definition/query/{qualified_query_name}/{version}")
  public Response definition(@PathParam("qualified_query_name") String name, @PathParam("version") String version) {
    return Response.ok(definition(stored.find(name, version))).build();
  }

  /**
   * Runs a query and streams its ResultSet: {@code meta} (with the row count PostgreSQL gave), the
   * columns, then each row as the database cursor delivers it. The rows are also handed to Jersey's
   * {@code closer}, which closes them when the request ends, so a response whose body is never
   * written (the request fails between the query and the body) still gives its connection back.
   */
  private Response run(CloseableService closer, String q, StoredQuery storedQuery, Map<String, Object> parameters, Long fetch, Long offset) {
    AqlService.Rows rows = aql.open(q, parameters, fetch, offset);
    closer.add(rows::close);
    StreamingOutput body = out -> {
      try (rows; JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
        g.writeStartObject();
        g.writeObjectFieldStart("meta");
        g.writeStringField("_type", "RESULTSET");
        g.writeStringField("_schema_version", "1.0.0");
        g.writeStringField("_created", OffsetDateTime.now(ZoneOffset.UTC).toString());
        g.writeStringField("_generator", "se.region.cdr");
        g.writeStringField("_executed_aql", q);
        g.writeNumberField("resultsize", rows.size());
        if (fetch != null) {
          g.writeNumberField("fetch", fetch);
        }
        if (offset != null) {
          g.writeNumberField("offset", offset);
        }
        g.writeEndObject();
        if (storedQuery != null) {
          g.writeStringField("name", storedQuery.name() + "/" + storedQuery.version());
        }
        g.writeStringField("q", q);
        g.writeArrayFieldStart("columns");
        for (QueryCompiler.Column c : rows.columns()) {
          g.writeStartObject();
          g.writeStringField("name", c.name());
          g.writeStringField("path", c.path());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("rows");
        for (ArrayNode row = rows.next(); row != null; row = rows.next()) {
          MAPPER.writeTree(g, row);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
    };
    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
  }

  private static ArrayNode definitions(List<StoredQuery> queries) {
    ArrayNode out = F.arrayNode();
    queries.forEach(q -> out.add(definition(q)));
    return out;
  }

  private static ObjectNode definition(StoredQuery q) {
    return F.objectNode().put("name", q.name()).put("type", q.type()).put("version", q.version())
        .put("saved", q.saved().toString()).put("q", q.query());
  }

  private static JsonNode parseBody(String body) {
    try {
      JsonNode node = MAPPER.readTree(body == null ? "" : body);
      if (node == null || !node.isObject()) {
        throw CdrException.badRequest("The request body must be a JSON object with 'q'");
      }
      return node;
    } catch (java.io.IOException e) {
      throw CdrException.badRequest("The request body is not valid JSON: " + e.getMessage());
    }
  }

  /** The {@code query_parameters} object of a request body as Java values. */
  static Map<String, Object> parameters(JsonNode node) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw CdrException.badRequest("query_parameters must be a JSON object");
    }
    node.fields().forEachRemaining(e -> out.put(e.getKey(), scalar(e.getKey(), e.getValue())));
    return out;
  }

  private static Object scalar(String name, JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    if (v.isIntegralNumber()) {
      return v.longValue();
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    throw CdrException.badRequest("Query parameter " + name + " must be a string, number or boolean");
  }

  /** GET parameters: every URL parameter but q/offset/fetch, plus those packed in query_parameters. */
  private static Map<String, Object> urlParameters(MultivaluedMap<String, String> query) {
    Map<String, Object> out = new LinkedHashMap<>();
    query.forEach((k, v) -> {
      if (!RESERVED.contains(k) && !v.isEmpty()) {
        out.put(k, typed(v.get(0)));
      }
    });
    String packed = query.getFirst("query_parameters");
    if (packed != null) {
      for (String pair : packed.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              typed(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)));
        }
      }
    }
    return out;
  }

  /** A URL parameter's value: numbers and booleans as such, everything else as text. */
  private static Object typed(String s) {
    if (s.matches("-?\\d{1,18}")) {
      return Long.parseLong(s);
    }
    if (s.matches("-?\\d+\\.\\d+")) {
      return Double.parseDouble(s);
    }
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    return s;
  }

  private static Long longOf(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.canConvertToLong() || n.longValue() < 0) {
      throw CdrException.badRequest("offset and fetch must be non-negative integers");
    }
    return n.longValue();
  }

  private static Long longParam(MultivaluedMap<String, String> query, String name) {
    String v = query.getFirst(name);
    if (v == null) {
      return null;
    }
    try {
      long l = Long.parseLong(v);
      if (l < 0) {
        throw new NumberFormatException();
      }
      return l;
    } catch (NumberFormatException e) {
      throw CdrException.badRequest(name + " must be a non-negative integer");
    }
  }
}
