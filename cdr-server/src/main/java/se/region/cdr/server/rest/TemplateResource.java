package se.region.cdr.server.rest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ErrorCode;
import se.region.cdr.core.template.StoredTemplate;
import se.region.cdr.server.Cdr;

/** ADL 1.4 operational templates: upload, list, get as OPT XML or as web template JSON. */
@Path("openehr/v1/definition/template/adl1.4")
public final class TemplateResource {
  static final String WEB_TEMPLATE = "application/openehr.wt+json";
  private static final ObjectMapper WEB_TEMPLATE_JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private final Cdr cdr;

  public TemplateResource(Cdr cdr) {
    this.cdr = requireNonNull(cdr, "cdr is null");
  }

  @POST
  public Response upload(String optXml, @HeaderParam(Http.PREFER) String prefer, @Context ContainerRequestContext request) {
    StoredTemplate t = cdr.templates().add(optXml);
    Response.ResponseBuilder b = Response.status(Response.Status.CREATED)
        .location(Http.link(request, "definition/template/adl1.4/" + URLEncoder.encode(t.templateId(), StandardCharsets.UTF_8).replace("+", "%20")))
        .tag(t.templateId());
    if (!Http.minimal(prefer)) {
      b.entity(t.optXml()).type(Http.XML);
    }
    return b.build();
  }

  @GET
  public Response list() {
    ArrayNode all = JsonNodeFactory.instance.arrayNode();
    for (StoredTemplate t : cdr.templates().list()) {
      all.addObject()
          .put("template_id", t.templateId())
          .put("concept", t.concept())
          .put("archetype_id", t.rootArchetypeId())
          .put("created_timestamp", t.createdAt() == null ? null : t.createdAt().toString());
    }
    return Response.ok(all.toString(), MediaType.APPLICATION_JSON_TYPE).build();
  }

  @GET
  @Path("{template_id}")
  public Response get(@PathParam("template_id") String templateId, @Context HttpHeaders headers) {
    StoredTemplate t = cdr.templates().require(templateId);
    if (wantsWebTemplate(headers)) {
      try {
        return Response.ok(WEB_TEMPLATE_JSON.writeValueAsString(t.webTemplate()), WEB_TEMPLATE).build();
      } catch (JsonProcessingException e) {
        throw new CdrException(ErrorCode.INTERNAL, "Could not write web template of " + templateId, e);
      }
    }
    return Response.ok(t.optXml(), Http.XML).build();
  }

  private static boolean wantsWebTemplate(HttpHeaders headers) {
    for (MediaType type : headers.getAcceptableMediaTypes()) {
      if (type.isWildcardType()) {
        continue;
      }
      if (type.isCompatible(Http.XML)) {
        return false;
      }
      if (type.getSubtype().contains("json")) {
        return true;
      }
    }
    return false;
  }
}
