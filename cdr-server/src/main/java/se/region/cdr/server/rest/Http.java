package se.region.cdr.server.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.UUID;
import java.util.regex.Pattern;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.ErrorCode;
import se.region.cdr.core.ehr.Committer;
import se.region.cdr.core.ehr.VersionUid;

/** Small HTTP helpers shared by the resources: Prefer, ETag, ids and times from the URL. */
final class Http {
  static final String PREFER = "Prefer";
  static final MediaType XML = MediaType.APPLICATION_XML_TYPE;
  private static final Pattern COMMITTER_NAME = Pattern.compile("name=\"([^\"]*)\"");

  private Http() {}

  /** True unless the client asked for {@code Prefer: return=representation}. */
  static boolean minimal(String prefer) {
    return prefer == null || !prefer.contains("return=representation");
  }

  static URI link(ContainerRequestContext request, String path) {
    Object base = request.getProperty(EhrbasePathFilter.API_BASE_PROPERTY);
    return URI.create(base + "/" + path);
  }

  static Response.ResponseBuilder withVersionHeaders(Response.ResponseBuilder b, String etag, URI location, OffsetDateTime lastModified) {
    b.tag(new EntityTag(etag));
    if (location != null) {
      b.location(location);
    }
    if (lastModified != null) {
      b.lastModified(Date.from(lastModified.toInstant()));
    }
    return b;
  }

  static UUID uuid(String value, String what) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CdrException(ErrorCode.BAD_REQUEST, "'" + value + "' is not a valid " + what + " (a UUID)");
    }
  }

  /** A UUID path parameter that names a resource: an invalid one cannot exist, so 404. */
  static UUID existingId(String value, String what) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw CdrException.notFound(what + " with id " + value + " not found");
    }
  }

  /** Parses an ISO 8601 date-time query parameter ('+' may arrive as a space). */
  static OffsetDateTime time(String value, String name) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim().replace(' ', '+');
    try {
      return OffsetDateTime.parse(v);
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(v).atOffset(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        throw CdrException.badRequest("Parameter " + name + " is not an ISO 8601 date-time: " + value);
      }
    }
  }

  /** Whether a request's Accept header prefers XML over JSON. */
  static boolean wantsXml(HttpHeaders headers) {
    for (MediaType t : headers.getAcceptableMediaTypes()) {
      if (t.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !t.isWildcardType()) {
        return false;
      }
      if (t.isCompatible(XML) && !t.isWildcardType()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The committer from the {@code openEHR-AUDIT_DETAILS.committer} header (its name="..." part),
   * or "unknown". Authentication will supply the user once roles exist.
   */
  static ObjectNode committer(HttpHeaders headers) {
    String header = headers.getHeaderString("openEHR-AUDIT_DETAILS.committer");
    String name = null;
    if (header != null) {
      var m = COMMITTER_NAME.matcher(header);
      name = m.find() ? m.group(1) : null;
    }
    return Committer.named(name);
  }

  /** The If-Match header as a version uid; 400 when it is missing. */
  static VersionUid ifMatch(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw CdrException.badRequest("If-Match header with the preceding version uid is required");
    }
    return VersionUid.parse(ifMatch);
  }
}
