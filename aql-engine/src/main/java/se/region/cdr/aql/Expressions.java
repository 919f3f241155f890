package se.region.cdr.aql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ehrbase.openehr.sdk.aql.dto.operand.IdentifiedPath;
import org.ehrbase.openehr.sdk.aql.dto.operand.SingleRowFunction;
import org.ehrbase.openehr.sdk.aql.dto.operand.SingleRowFunction.KnownFunctionName;
import se.region.cdr.core.CdrException;

/** Operands (paths, literals, parameters, AQL 1.1 functions) as jsonb SQL. */
final class Expressions {
  private final PathCompiler paths;
  private final Map<String, Var> vars;
  private final Operands operands;
  /** The variables named since {@link #track()}. */
  private final java.util.Set<Var> named = new java.util.HashSet<>();

  Expressions(PathCompiler paths, Map<String, Var> vars, Operands operands) {
    this.paths = paths;
    this.vars = vars;
    this.operands = operands;
  }

  /** The variable a path starts at, without joining it (null if unknown). */
  Var peek(IdentifiedPath path) {
    return path.getRoot() == null ? null : vars.get(path.getRoot().getIdentifier());
  }

  /** The COMPOSITION whose join waits on this node variable's row, if any. */
  Var pendingOn(Var node) {
    return vars.values().stream().filter(c -> c.pendingOn == node && c.pendingJoin != null).findFirst().orElse(null);
  }

  Var var(IdentifiedPath path) {
    String name = path.getRoot() == null ? null : path.getRoot().getIdentifier();
    Var v = name == null ? null : vars.get(name);
    if (v == null) {
      throw CdrException.badRequest("Unknown variable " + name + " in " + path.render());
    }
    if (path.getRootPredicate() != null && !path.getRootPredicate().isEmpty()) {
      throw CdrException.badRequest("Predicates on a variable in SELECT/WHERE are not supported: " + path.render());
    }
    named.add(v);
    if (v.pendingJoin != null) {
      named.add(v.pendingOn); // its join reads that node's row
    }
    paths.joinPending(v);
    return v;
  }

  /** Starts recording which variables paths name. */
  void track() {
    named.clear();
  }

  /** The variables named since {@link #track()}. */
  java.util.Set<Var> named() {
    return java.util.Set.copyOf(named);
  }

  Value path(IdentifiedPath path, Sql target) {
    Var var = var(path);
    Value value = paths.compile(var, path.getPath(), target);
    return var.inStatus == null ? value : value.orInStatus(paths.compile(var.inStatus, path.getPath(), target).sql());
  }

  /** Any operand as a jsonb value; paths compile their list steps into {@code target}. */
  Value value(Object operand, Sql target) {
    if (operand instanceof IdentifiedPath p) {
      return path(p, target);
    }
    if (operand instanceof SingleRowFunction f) {
      return Value.canonical(function(f, target));
    }
    Object constant = operands.constant(operand);
    if (constant == null) {
      throw CdrException.badRequest("Unsupported operand: " + operand);
    }
    return Value.canonical(literal(constant, target));
  }

  static String literal(Object constant, Sql sql) {
    if (constant == Operands.NULL) {
      return "null::jsonb";
    }
    if (constant instanceof Number n) {
      return "to_jsonb(" + sql.bind(new BigDecimal(n.toString())) + "::numeric)";
    }
    if (constant instanceof Boolean b) {
      return "to_jsonb(" + sql.bind(b) + "::boolean)";
    }
    return "to_jsonb(" + sql.bind(constant.toString()) + "::text)";
  }

  private String function(SingleRowFunction f, Sql target) {
    if (!(f.getFunctionName() instanceof KnownFunctionName name)) {
      throw CdrException.badRequest("Unknown function " + f.getFunctionName());
    }
    List<String> args = new ArrayList<>();
    for (Object operand : f.getOperandList() == null ? List.of() : f.getOperandList()) {
      args.add(value(operand, target).sql());
    }
    return switch (name) {
      case LENGTH -> "to_jsonb(length(" + text(args, 0) + "))";
      case CONTAINS -> "to_jsonb(strpos(" + text(args, 0) + ", " + text(args, 1) + ") > 0)";
      case POSITION -> "to_jsonb(strpos(" + text(args, 1) + ", " + text(args, 0) + "))";
      case SUBSTRING -> args.size() > 2
          ? "to_jsonb(substr(" + text(args, 0) + ", " + number(args, 1) + "::int, " + number(args, 2) + "::int))"
          : "to_jsonb(substr(" + text(args, 0) + ", " + number(args, 1) + "::int))";
      case CONCAT -> "to_jsonb(concat(" + String.join(", ", args.stream().map(a -> "aql_text(" + a + ")").toList()) + "))";
      case CONCAT_WS -> "to_jsonb(concat_ws(" + String.join(", ", args.stream().map(a -> "aql_text(" + a + ")").toList()) + "))";
      case ABS -> "to_jsonb(abs(" + number(args, 0) + "))";
      case MOD -> "to_jsonb(mod(" + number(args, 0) + ", " + number(args, 1) + "))";
      case CEIL -> "to_jsonb(ceil(" + number(args, 0) + "))";
      case FLOOR -> "to_jsonb(floor(" + number(args, 0) + "))";
      case ROUND -> args.size() > 1
          ? "to_jsonb(round(" + number(args, 0) + ", " + number(args, 1) + "::int))"
          : "to_jsonb(round(" + number(args, 0) + "))";
      case NOW, CURRENT_DATE_TIME -> "to_jsonb(to_char(now(), 'YYYY-MM-DD\"T\"HH24:MI:SS.MSTZH:TZM'))";
      case CURRENT_DATE -> "to_jsonb(to_char(now(), 'YYYY-MM-DD'))";
      case CURRENT_TIME -> "to_jsonb(to_char(now(), 'HH24:MI:SS.MSTZH:TZM'))";
      case CURRENT_TIMEZONE -> "to_jsonb(to_char(now(), 'TZH:TZM'))";
    };
  }

  private static String text(List<String> args, int i) {
    return "aql_text(" + arg(args, i) + ")";
  }

  private static String number(List<String> args, int i) {
    return "aql_num(" + arg(args, i) + ")";
  }

  private static String arg(List<String> args, int i) {
    if (i >= args.size()) {
      throw CdrException.badRequest("Function is missing argument " + (i + 1));
    }
    return args.get(i);
  }
}
