package se.region.cdr.bench.corpus.template;

import static se.region.cdr.bench.corpus.rm.DataValues.dvCodedText;
import static se.region.cdr.bench.corpus.rm.DataValues.dvDateTime;
import static se.region.cdr.bench.corpus.rm.DataValues.dvText;
import static se.region.cdr.bench.corpus.rm.Locatables.archetypedContainer;
import static se.region.cdr.bench.corpus.rm.Locatables.container;
import static se.region.cdr.bench.corpus.rm.Locatables.element;
import static se.region.cdr.bench.corpus.rm.Locatables.entry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import se.region.cdr.bench.corpus.rm.Compositions;

/**
 * Builds {@code IDCR - Problem List.v1} compositions: a "Problems and issues" section with one
 * "Problem/Diagnosis" evaluation per problem, its name coded in ICD-10.
 */
public final class ProblemListComposition {

  public static final String TEMPLATE_ID = "IDCR - Problem List.v1";
  public static final String PROBLEM_DIAGNOSIS = "openEHR-EHR-EVALUATION.problem_diagnosis.v1";
  public static final String ICD10 = "ICD10";

  private ProblemListComposition() {}

  /** The first version: the problem list as recorded at {@code time} (ISO 8601). */
  public static ObjectNode build(List<Problem> problems, String time) {
    ObjectNode[] evaluations =
        problems.stream().map(ProblemListComposition::problem).toArray(ObjectNode[]::new);
    ObjectNode section =
        archetypedContainer(
            "SECTION",
            "openEHR-EHR-SECTION.problems_issues_rcp.v1",
            "Problems and issues",
            evaluations);
    return Compositions.event(
        "openEHR-EHR-COMPOSITION.problem_list.v1",
        TEMPLATE_ID,
        "Problem list",
        time,
        "General practitioner",
        section);
  }

  /** The second version: the first problem gets a clinical description; the codes do not change. */
  public static ObjectNode amend(ObjectNode firstVersion) {
    ObjectNode amended = firstVersion.deepCopy();
    ArrayNode items = (ArrayNode) amended.at("/content/0/items/0/data/items");
    items.insert(1, element("at0009", "Clinical description", dvText("Reviewed at follow-up.")));
    return amended;
  }

  private static ObjectNode problem(Problem problem) {
    ObjectNode evaluation = entry("EVALUATION", PROBLEM_DIAGNOSIS, "Problem/Diagnosis");
    evaluation.set(
        "data",
        container(
            "ITEM_TREE",
            "at0001",
            "structure",
            element(
                "at0002",
                "Problem/Diagnosis name",
                dvCodedText(problem.name(), ICD10, problem.icd10Code())),
            element("at0077", "Date/time of onset", dvDateTime(problem.onset()))));
    return evaluation;
  }
}
