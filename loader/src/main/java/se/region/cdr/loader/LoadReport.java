package se.region.cdr.loader;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of a load run, counted from the database at its end (so a resumed run reports the
 * whole input): records read, accepted (new compositions), updated (new versions), unchanged,
 * rejected by reason, skipped; with the first rejected records as samples. Never holds an identity.
 */
public record LoadReport(
    long runId,
    String mapping,
    String input,
    String inputSha256,
    String status,
    boolean resumed,
    long read,
    long accepted,
    long updated,
    long unchanged,
    long rejected,
    long skipped,
    Map<String, Long> rejectedByReason,
    List<Sample> samples,
    double seconds,
    long processedHere) {

  /** One rejected record: where it is in the input, its key, the failing path/rule and why. */
  public record Sample(long record, long line, String recordKey, String path, String rule, String reasonCode, String reason) {}

  /** Records this process handled per second. */
  public double recordsPerSecond() {
    return seconds <= 0 ? 0 : processedHere / seconds;
  }

  public ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("load_run", runId).put("mapping", mapping).put("input", input).put("input_sha256", inputSha256).put("status", status)
        .put("resumed", resumed).put("read", read).put("accepted", accepted).put("updated", updated).put("unchanged", unchanged)
        .put("rejected", rejected).put("skipped", skipped);
    ObjectNode reasons = n.putObject("rejected_by_reason");
    rejectedByReason.forEach(reasons::put);
    var list = n.putArray("rejected_samples");
    for (Sample s : samples) {
      list.addObject().put("record", s.record()).put("line", s.line()).put("record_key", s.recordKey()).put("path", s.path()).put("rule", s.rule())
          .put("reason_code", s.reasonCode()).put("reason", s.reason());
    }
    n.put("seconds", Math.round(seconds * 1000) / 1000.0);
    n.put("records_per_second", Math.round(recordsPerSecond() * 10) / 10.0);
    return n;
  }

  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append("Load run ").append(runId).append(" (").append(status).append(resumed ? ", resumed" : "").append(")\n");
    b.append("  mapping    ").append(mapping).append('\n');
    b.append("  input      ").append(input).append(" (sha256 ").append(inputSha256, 0, 12).append("…)\n");
    b.append(String.format(Locale.ROOT, "  read       %,d%n  accepted   %,d (new compositions)%n  updated    %,d (new versions)%n"
        + "  unchanged  %,d%n  rejected   %,d%n  skipped    %,d (not consumed by the mapping)%n", read, accepted, updated, unchanged, rejected, skipped));
    rejectedByReason.forEach((reason, count) -> b.append(String.format(Locale.ROOT, "    %-22s %,d%n", reason, count)));
    for (Sample s : samples) {
      b.append("  record ").append(s.record()).append(" (line ").append(s.line()).append(")")
          .append(s.path() == null ? "" : " " + s.path()).append(": ").append(s.reasonCode()).append(": ").append(s.reason()).append('\n');
    }
    b.append(String.format(Locale.ROOT, "  time       %.1f s, %,.0f records/s%n", seconds, recordsPerSecond()));
    return b.toString();
  }
}
