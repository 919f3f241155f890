package se.region.cdr.aql;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ehrbase.openehr.sdk.aql.dto.AqlQuery;
import org.ehrbase.openehr.sdk.aql.parser.AqlParseException;
import org.ehrbase.openehr.sdk.aql.parser.AqlQueryParser;
import se.region.cdr.core.CdrException;

/**
 * Parses AQL with the EHRbase SDK parser. The legacy {@code SELECT TOP n}, which the SDK refuses,
 * is read as {@code LIMIT n}. Syntax errors become 400 with the line and column.
 *
 * <p>Parsed queries are kept by their text (the most recently used {@value #CACHED}): a query with
 * {@code $parameters} is one text for every patient, and parsing it again was a fifth of the
 * server's CPU per one-patient query. The parsed objects are shared, so nothing may change them
 * after this class returns them (the compiler only reads them).
 */
public final class AqlParsing {
  static final int CACHED = 1000;
  private static final Map<String, AqlQuery> PARSED = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, AqlQuery> eldest) {
      return size() > CACHED;
    }
  });
  private static final Pattern TOP = Pattern.compile("(?is)^(\\s*select\\s+(?:distinct\\s+)?)top\\s+(\\d+)(?:\\s+(?:forward|backward))?\\s+(.*)$");
  private static final Pattern HAS_LIMIT = Pattern.compile("(?i)\\blimit\\s+\\d+");

  private AqlParsing() {}

  public static AqlQuery parse(String aql) {
    if (aql == null || aql.isBlank()) {
      throw CdrException.badRequest("The query is empty");
    }
    AqlQuery cached = PARSED.get(aql);
    if (cached != null) {
      return cached;
    }
    AqlQuery query = parseText(aql);
    PARSED.put(aql, query);
    return query;
  }

  private static AqlQuery parseText(String aql) {
    String text = aql;
    Long top = null;
    Matcher m = TOP.matcher(aql);
    if (m.matches()) {
      text = m.group(1) + m.group(3);
      top = Long.parseLong(m.group(2));
    }
    AqlQuery query;
    try {
      query = AqlQueryParser.parse(text);
    } catch (AqlParseException e) {
      throw CdrException.badRequest("AQL syntax error: " + e.getMessage().replace("Parse exception: ", ""));
    } catch (RuntimeException e) {
      throw CdrException.badRequest("AQL could not be parsed: " + e.getMessage());
    }
    if (top != null) {
      if (query.getLimit() != null || HAS_LIMIT.matcher(text).find()) {
        throw CdrException.badRequest("AQL: TOP and LIMIT cannot be used together");
      }
      query.setLimit(top);
    }
    return query;
  }
}
