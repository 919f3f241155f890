package se.region.cdr.server.rest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import se.region.cdr.core.CdrException;
import se.region.cdr.core.master.CareUnit;
import se.region.cdr.core.master.LoadSummary;
import se.region.cdr.core.master.MasterData;
import se.region.cdr.core.master.MasterKind;
import se.region.cdr.server.Cdr;

/**
 * Master data over HTTP: {@code PUT /cdr/v1/master/{kind}} loads a CSV file (UTF-8) of regions,
 * providers, units or codes (200 with a summary, 400 naming line and column, nothing loaded);
 * {@code GET /cdr/v1/master/units[?at=]} lists the units of a date (default today, Europe/Stockholm);
 * {@code GET /cdr/v1/master/units/{hsaId}[?at=]} gives a unit's periods, or the one of a date.
 */
@Path("cdr/v1/master")
@Produces(MediaType.APPLICATION_JSON)
public final class MasterDataResource {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final MasterData master;

  public MasterDataResource(Cdr cdr) {
    requireNonNull(cdr, "cdr is null");
    this.master = MasterData.of(cdr.database().dataSource());
  }

  @PUT
  @Path("{kind}")
  public Response load(@PathParam("kind") String kindName, InputStream body) {
    MasterKind kind = MasterKind.byLabel(kindName)
        .orElseThrow(() -> CdrException.notFound("Unknown master-data kind '" + kindName + "'; one of regions, providers, units, codes"));
    LoadSummary s = master.load(kind, new InputStreamReader(body, StandardCharsets.UTF_8), kind.label() + ".csv");
    ObjectNode n = F.objectNode();
    n.put("kind", s.kind());
    n.put("records", s.records());
    n.put("inserted", s.inserted());
    n.put("changed", s.changed());
    n.put("unchanged", s.unchanged());
    return Response.ok(n.toString()).build();
  }

  @GET
  @Path("units")
  public Response units(@QueryParam("at") String at) {
    return Response.ok(array(master.careUnits(date(at))).toString()).build();
  }

  @GET
  @Path("units/{hsaId}")
  public Response unit(@PathParam("hsaId") String hsaId, @QueryParam("at") String at) {
    if (at == null || at.isBlank()) {
      List<CareUnit> history = master.careUnitHistory(hsaId);
      if (history.isEmpty()) {
        throw CdrException.notFound("Care unit " + hsaId + " not found");
      }
      ObjectNode n = F.objectNode();
      n.put("hsa_id", hsaId);
      n.set("periods", array(history));
      return Response.ok(n.toString()).build();
    }
    LocalDate date = date(at);
    CareUnit unit = master.careUnit(hsaId, date)
        .orElseThrow(() -> CdrException.notFound("Care unit " + hsaId + " not found on " + date));
    return Response.ok(json(unit).toString()).build();
  }

  private static LocalDate date(String at) {
    if (at == null || at.isBlank()) {
      return LocalDate.now(java.time.ZoneId.of("Europe/Stockholm"));
    }
    try {
      return LocalDate.parse(at.trim());
    } catch (DateTimeParseException e) {
      throw CdrException.badRequest("Parameter at is not a date YYYY-MM-DD: " + at);
    }
  }

  private static ArrayNode array(List<CareUnit> units) {
    ArrayNode a = F.arrayNode();
    units.forEach(u -> a.add(json(u)));
    return a;
  }

  private static ObjectNode json(CareUnit u) {
    ObjectNode n = F.objectNode();
    n.put("hsa_id", u.hsaId());
    n.put("name", u.name());
    n.put("kind", u.kind());
    n.put("valid_from", u.validFrom().toString());
    n.put("valid_to", u.validTo() == null ? null : u.validTo().toString());
    n.put("provider_hsa_id", u.providerHsaId());
    n.put("provider_name", u.providerName());
    n.put("tenant", u.tenant());
    n.put("region_code", u.regionCode());
    n.put("region_name", u.regionName());
    return n;
  }
}
