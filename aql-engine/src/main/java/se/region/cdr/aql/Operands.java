package se.region.cdr.aql;

import java.util.Map;
import org.ehrbase.openehr.sdk.aql.dto.operand.BooleanPrimitive;
import org.ehrbase.openehr.sdk.aql.dto.operand.DoublePrimitive;
import org.ehrbase.openehr.sdk.aql.dto.operand.LongPrimitive;
import org.ehrbase.openehr.sdk.aql.dto.operand.NullPrimitive;
import org.ehrbase.openehr.sdk.aql.dto.operand.QueryParameter;
import org.ehrbase.openehr.sdk.aql.dto.operand.StringPrimitive;
import se.region.cdr.core.CdrException;

/** Constants of a query: its literals and the values of its {@code $parameters}. */
final class Operands {
  /** Stands for AQL NULL (a Java null means "not a constant"). */
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "NULL";
    }
  };

  private final Map<String, Object> parameters;

  Operands(Map<String, Object> parameters) {
    this.parameters = parameters;
  }

  /** The value of a literal or parameter: String, Long, Double, Boolean or {@link #NULL}; null otherwise. */
  Object constant(Object operand) {
    if (operand instanceof QueryParameter p) {
      if (!parameters.containsKey(p.getName())) {
        throw CdrException.badRequest("Query parameter $" + p.getName() + " has no value");
      }
      Object value = parameters.get(p.getName());
      return value == null ? NULL : value;
    }
    if (operand instanceof StringPrimitive s) {
      return s.getValue();
    }
    if (operand instanceof LongPrimitive l) {
      return l.getValue();
    }
    if (operand instanceof DoublePrimitive d) {
      return d.getValue();
    }
    if (operand instanceof BooleanPrimitive b) {
      return b.getValue();
    }
    if (operand instanceof NullPrimitive) {
      return NULL;
    }
    return null;
  }
}
