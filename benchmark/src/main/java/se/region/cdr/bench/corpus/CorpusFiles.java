package se.region.cdr.bench.corpus;

/**
 * Names in a corpus directory. Each {@code *.jsonl} line is {@code {"seq":n,"ehr":i,
 * "subject_id":s,"template_id":t,"composition":{...}}}: {@code seq} is the composition's position in
 * generation order, {@code ehr} the index of the EHR it belongs to and {@code subject_id} that EHR's
 * subject id (namespace {@link Subjects#NAMESPACE}), so that a bulk loader can read the lines as they are. {@link #UPDATES} holds second versions,
 * with the {@code seq} of the composition they replace.
 */
public final class CorpusFiles {

  public static final String MANIFEST = "manifest.json";
  public static final String UPDATES = "updates.jsonl";

  public static final String SEQ = "seq";
  public static final String EHR = "ehr";
  public static final String SUBJECT_ID = "subject_id";
  public static final String TEMPLATE_ID = "template_id";
  public static final String COMPOSITION = "composition";

  private CorpusFiles() {}
}
