package se.region.cdr.server;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import se.region.cdr.server.rest.AdminResource;
import se.region.cdr.server.rest.CompositionResource;
import se.region.cdr.server.rest.ContributionResource;
import se.region.cdr.server.rest.DirectoryResource;
import se.region.cdr.server.rest.QueryResource;
import se.region.cdr.server.rest.EhrResource;
import se.region.cdr.server.rest.EhrStatusResource;
import se.region.cdr.server.rest.EhrbasePathFilter;
import se.region.cdr.server.rest.VersionedEhrStatusResource;
import se.region.cdr.server.rest.ErrorMapper;
import se.region.cdr.server.rest.HealthResource;
import se.region.cdr.server.rest.LoadResource;
import se.region.cdr.server.rest.TemplateResource;
import se.region.cdr.server.rest.ValueIndexResource;
import se.region.cdr.server.rest.VersionedCompositionResource;

/** The HTTP side: Jersey resources on a Grizzly listener bound to the configured host and port. */
public final class HttpServer implements AutoCloseable {
  private final org.glassfish.grizzly.http.server.HttpServer grizzly;

  private HttpServer(org.glassfish.grizzly.http.server.HttpServer grizzly) {
    this.grizzly = requireNonNull(grizzly, "grizzly is null");
  }

  public static HttpServer start(Cdr cdr) {
    ResourceConfig app = new ResourceConfig();
    app.property(ServerProperties.WADL_FEATURE_DISABLE, true);
    app.register(new EhrbasePathFilter());
    app.register(new ErrorMapper());
    app.register(new HealthResource());
    app.register(new TemplateResource(cdr));
    app.register(new EhrResource(cdr));
    app.register(new EhrStatusResource(cdr));
    app.register(new VersionedEhrStatusResource(cdr));
    app.register(new CompositionResource(cdr));
    app.register(new VersionedCompositionResource(cdr));
    app.register(new ContributionResource(cdr));
    app.register(new DirectoryResource(cdr));
    app.register(new QueryResource(cdr));
    app.register(new se.region.cdr.server.rest.MasterDataResource(cdr));
    app.register(new LoadResource(cdr));
    app.register(new ValueIndexResource(cdr));
    if (cdr.config().adminEnabled()) {
      app.register(new AdminResource(cdr));
    }
    URI uri = URI.create("http://" + cdr.config().host() + ":" + cdr.config().port() + "/");
    var grizzly = GrizzlyHttpServerFactory.createHttpServer(uri, app, false);
    try {
      grizzly.start();
    } catch (IOException e) {
      throw new IllegalStateException("Could not listen on " + uri + ": " + e.getMessage(), e);
    }
    return new HttpServer(grizzly);
  }

  /** The bound port (useful when configured as 0). */
  public int port() {
    NetworkListener listener = grizzly.getListeners().iterator().next();
    return listener.getPort();
  }

  @Override
  public void close() {
    grizzly.shutdownNow();
  }
}
