package se.region.cdr.bench.corpus;

import se.region.cdr.bench.corpus.template.LabReportComposition;
import se.region.cdr.bench.corpus.template.ProblemListComposition;
import se.region.cdr.bench.corpus.template.VitalSignsComposition;

/**
 * The corpus templates, their JSON-Lines file and their share of each EHR's compositions.
 * BENCHMARK.md gives 15 % to a medication list; no medication OPT exists yet, so that share goes to
 * the problem list (30 %).
 */
public enum CorpusTemplate {
  VITAL_SIGNS(VitalSignsComposition.TEMPLATE_ID, "vital_signs.jsonl", 0.40),
  LABORATORY_REPORT(LabReportComposition.TEMPLATE_ID, "laboratory_test_report.jsonl", 0.30),
  PROBLEM_LIST(ProblemListComposition.TEMPLATE_ID, "problem_list.jsonl", 0.30);

  private final String templateId;
  private final String fileName;
  private final double share;

  CorpusTemplate(String templateId, String fileName, double share) {
    this.templateId = templateId;
    this.fileName = fileName;
    this.share = share;
  }

  public String templateId() {
    return templateId;
  }

  public String fileName() {
    return fileName;
  }

  /** The OPT file name in the shared reference data. */
  public String optFileName() {
    return templateId + ".opt";
  }

  /**
   * How many of {@code perEhr} compositions use this template: the share rounded half up, the last
   * template taking the remainder.
   */
  public int countOf(int perEhr) {
    if (ordinal() == values().length - 1) {
      int others = 0;
      for (CorpusTemplate template : values()) {
        others += template == this ? 0 : template.countOf(perEhr);
      }
      return Math.max(0, perEhr - others);
    }
    return (int) Math.floor(perEhr * share + 0.5);
  }
}
