package se.region.cdr.server.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;

/**
 * Serves the API also under EHRbase's base path {@code /ehrbase/rest/openehr/v1}, so tools
 * written for EHRbase work unchanged. Links in responses keep the base the client used.
 */
@Provider
@PreMatching
public final class EhrbasePathFilter implements ContainerRequestFilter {
  static final String EHRBASE_PREFIX = "ehrbase/rest/openehr/v1";
  static final String API_BASE_PROPERTY = "cdr.apiBase";

  @Override
  public void filter(ContainerRequestContext request) {
    URI base = request.getUriInfo().getBaseUri();
    String path = request.getUriInfo().getPath(false);
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.startsWith(EHRBASE_PREFIX)) {
      request.setProperty(API_BASE_PROPERTY, base.resolve(EHRBASE_PREFIX).toString());
      URI rewritten = request.getUriInfo().getRequestUriBuilder()
          .replacePath(base.getPath() + "openehr/v1" + trimmed.substring(EHRBASE_PREFIX.length()))
          .build();
      request.setRequestUri(base, rewritten);
    } else {
      request.setProperty(API_BASE_PROPERTY, base.resolve("openehr/v1").toString());
    }
  }
}
