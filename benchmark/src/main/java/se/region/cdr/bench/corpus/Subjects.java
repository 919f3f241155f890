package se.region.cdr.bench.corpus;

/** The opaque subject id every corpus EHR gets, in namespace {@value #NAMESPACE}. */
public final class Subjects {

  public static final String NAMESPACE = "bench";
  public static final String ID_FORMAT = "pseudo-%06d";

  private Subjects() {}

  public static String idOf(int ehrIndex) {
    return String.format(ID_FORMAT, ehrIndex);
  }
}
