package se.region.cdr.loader.mapping;

import java.util.List;

/**
 * A side file joined to every input record by key: {@code name.column} sources read the columns of
 * the lookup file's row whose {@code key} column equals the record's {@code on} value (empty when
 * there is none). The file is a CSV with a header, read with the mapping's delimiter, quote and
 * encoding, from the input file's directory unless the path is absolute.
 *
 * @param name prefix of the sources it offers, e.g. {@code contact} for {@code contact.unit_hsa_id}
 * @param file file name (relative to the input's directory) or absolute path
 * @param key the lookup file's key column
 * @param on the input's column holding the key
 * @param columns the lookup file's columns to offer
 */
public record Lookup(String name, String file, String key, String on, List<String> columns) {
  /** The source name of one of its columns. */
  public String source(String column) {
    return name + "." + column;
  }

  /** Whether a source name is one of this lookup's columns. */
  public boolean offers(String source) {
    return source.startsWith(name + ".") && columns.contains(source.substring(name.length() + 1));
  }
}
