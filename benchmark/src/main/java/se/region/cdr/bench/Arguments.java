package se.region.cdr.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} command-line options; unknown names are refused. */
public final class Arguments {

  private final Map<String, String> values;

  private Arguments(Map<String, String> values) {
    this.values = values;
  }

  /** Parses {@code args}, accepting only the option names in {@code allowed} (without dashes). */
  public static Arguments parse(String[] args, Set<String> allowed) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : null;
      if (name == null || !allowed.contains(name)) {
        throw new IllegalArgumentException(
            "unknown option " + args[i] + "; expected one of " + allowed);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      values.put(name, args[i + 1]);
    }
    return new Arguments(values);
  }

  public String required(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("option --" + name + " is required");
    }
    return value;
  }

  public String optional(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public int integer(String name, int fallback) {
    return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
  }

  public long longValue(String name, long fallback) {
    return values.containsKey(name) ? Long.parseLong(values.get(name)) : fallback;
  }

  /** A comma-separated list of integers, e.g. {@code 1,2,4}. */
  public List<Integer> integers(String name, String fallback) {
    return Arrays.stream(optional(name, fallback).split(","))
        .map(String::trim)
        .map(Integer::valueOf)
        .toList();
  }
}
