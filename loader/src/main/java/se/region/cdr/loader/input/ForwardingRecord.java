package se.region.cdr.loader.input;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A record that answers as another one; subclasses override what they change (a joined value, the quarantine copy). */
abstract class ForwardingRecord implements SourceRecord {
  protected final SourceRecord record;

  ForwardingRecord(SourceRecord record) {
    this.record = requireNonNull(record, "record is null");
  }

  @Override
  public long number() {
    return record.number();
  }

  @Override
  public long line() {
    return record.line();
  }

  @Override
  public String value(String source) {
    return record.value(source);
  }

  @Override
  public JsonNode field(String name) {
    return record.field(name);
  }

  @Override
  public String rawJson(String name) {
    return record.rawJson(name);
  }

  @Override
  public java.nio.ByteBuffer rawJsonUtf8(String name) {
    return record.rawJsonUtf8(name);
  }

  @Override
  public ObjectNode raw() {
    return record.raw();
  }

  @Override
  public String problem() {
    return record.problem();
  }
}
