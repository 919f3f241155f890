package se.region.cdr.server.aql;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * One conformance case: a CSV row of a table (or a single expected file), with everything needed
 * to run it once its fixture's variables (ehr ids, composition uids, ...) are known.
 *
 * @param id stable name, {@code <table>:<row>} (row 1 is the first data row) or the expected file's
 *     path under {@code fields_and_results}; used in the known-failures and unsupported lists
 * @param clause the suite it belongs to (SELECT, FROM, WHERE, ...), for the summary
 * @param fixture the data the case runs against (a section of {@code fixtures.txt})
 * @param queryTemplate the query with {@code ${...}} variables; null: the expected file's {@code q}
 * @param rowVariables the CSV row's cells by column name (they may name fixture variables)
 * @param expectedFile the expected ResultSet (null when the table has none)
 * @param expectedRowCount {@code nr_of_results} (null when the table has none)
 * @param expectedValue {@code expected_value}: the single cell of the first row (null when none)
 * @param parameters {@code query_parameters}, name to a JSON literal template
 * @param offset {@code offset} template, or null
 * @param fetch {@code fetch} template, or null
 * @param ignoredCellKeys keys not compared on the top object of each cell (server-assigned uids)
 * @param ordered whether row order matters (the ORDER BY suites, which the robot compared in order)
 * @param fromResult whether the expected rows name values the robot suite read from the result
 *     (commit times, contribution ids: {@code from_result = true}), see {@link AqlCaseRunner}
 */
record AqlCase(
    String id,
    String clause,
    String fixture,
    String queryTemplate,
    Map<String, String> rowVariables,
    Path expectedFile,
    Integer expectedRowCount,
    String expectedValue,
    Map<String, String> parameters,
    String offset,
    String fetch,
    Set<String> ignoredCellKeys,
    boolean ordered,
    boolean fromResult) {}
