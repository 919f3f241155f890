package se.region.cdr.synthetic;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The codes the synthetic region uses, one master file per code system ({@code codes_*.csv}). A
 * curated subset for synthetic data, with short Swedish display texts: check codes and texts
 * against the publishers (Socialstyrelsen for ICD-10-SE and KVÅ, Läkemedelsverket/WHO for ATC,
 * the NPU and LOINC registries) before using them for anything real.
 */
final class CodeLists {
  static final String ICD10 = "ICD-10-SE";
  static final String ATC = "ATC";
  static final String NPU = "NPU";
  static final String LOINC = "LOINC";
  static final String KVA = "KVA";

  private static final Map<String, Code> CODES = new LinkedHashMap<>();

  static {
    icd("I10", "Essentiell hypertoni");
    icd("E11", "Diabetes mellitus typ 2");
    icd("E11.9", "Diabetes mellitus typ 2 utan komplikationer");
    icd("J45", "Astma");
    icd("J45.9", "Astma, ospecificerad");
    icd("F32", "Depressiv episod");
    icd("F32.1", "Medelsvår depressiv episod");
    icd("F32.2", "Svår depressiv episod utan psykotiska symtom");
    icd("F33", "Recidiverande depressioner");
    icd("F33.1", "Recidiverande depression, medelsvår episod");
    icd("F41", "Andra ångestsyndrom");
    icd("F41.1", "Generaliserat ångestsyndrom");
    icd("F90.0", "Aktivitets- och uppmärksamhetsstörning");
    icd("F03", "Ospecificerad demens");
    icd("I48", "Förmaksflimmer och förmaksfladder");
    icd("I48.9", "Förmaksflimmer, ospecificerat");
    icd("I50", "Hjärtsvikt");
    icd("I50.9", "Hjärtsvikt, ospecificerad");
    icd("J44", "Annan kroniskt obstruktiv lungsjukdom");
    icd("J44.1", "KOL med akut exacerbation");
    icd("J06.9", "Akut övre luftvägsinfektion, ospecificerad");
    icd("J03.9", "Akut tonsillit, ospecificerad");
    icd("H66.9", "Öroninflammation, ospecificerad");
    icd("N39.0", "Urinvägsinfektion utan angiven lokalisation");
    icd("M54.5", "Lumbago");
    icd("Z00.0", "Allmän hälsoundersökning");
    icd("R05", "Hosta");
    icd("R51", "Huvudvärk");
    icd("L30.9", "Dermatit, ospecificerad");
    icd("K59.0", "Förstoppning");
    icd("R07.4", "Bröstsmärtor, ospecificerade");
    icd("M17.1", "Annan primär gonartros");
    icd("M16.1", "Annan primär koxartros");
    icd("K80.2", "Gallsten utan kolecystit");
    icd("N92.0", "Riklig och frekvent menstruation med regelbunden cykel");
    icd("J18.9", "Pneumoni, ospecificerad");
    icd("I21.4", "Akut subendokardiell hjärtinfarkt");
    icd("I63.9", "Cerebral infarkt, ospecificerad");
    icd("S72.0", "Fraktur på lårbenshalsen");
    icd("K35.8", "Akut appendicit, annan och ospecificerad");
    icd("O80.0", "Spontan förlossning i huvudändläge");
    icd("A41.9", "Sepsis, ospecificerad");
    icd("N10", "Akut tubulointerstitiell nefrit");
    icd("R55", "Svimning och kollaps");
    atc("A10BA02", "Metformin");
    atc("A10BK01", "Dapagliflozin");
    atc("A10AE04", "Insulin glargin");
    atc("C09AA02", "Enalapril");
    atc("C08CA01", "Amlodipin");
    atc("C09CA01", "Losartan");
    atc("C03AA03", "Hydroklortiazid");
    atc("C03CA01", "Furosemid");
    atc("C07AB02", "Metoprolol");
    atc("B01AF02", "Apixaban");
    atc("R03AC02", "Salbutamol");
    atc("R03BA02", "Budesonid");
    atc("R03BB04", "Tiotropiumbromid");
    atc("N06AB03", "Fluoxetin");
    atc("N06AB04", "Citalopram");
    atc("N06AB06", "Sertralin");
    atc("N06AB10", "Escitalopram");
    atc("N06BA04", "Metylfenidat");
    atc("N06DA02", "Donepezil");
    atc("J01CE02", "Fenoximetylpenicillin");
    atc("J01CA08", "Pivmecillinam");
    atc("J01DD04", "Ceftriaxon");
    atc("N02BE01", "Paracetamol");
    atc("B01AC06", "Acetylsalicylsyra");
    for (Analyte a : Analyte.values()) {
      CODES.put(NPU + "|" + a.npu, new Code(NPU, a.npu, a.npuDisplay));
      CODES.put(LOINC + "|" + a.loinc, new Code(LOINC, a.loinc, a.loincDisplay));
    }
    kva("JEA01", "Laparoskopisk appendektomi");
    kva("NFJ59", "Osteosyntes av fraktur på lårbenshalsen");
    kva("FNG05", "Perkutan koronar intervention med stent");
    kva("AF037", "Vilo-EKG");
    kva("GD001", "Spirometri");
    kva("MAC00", "Vaginal förlossning");
    kva("NGB49", "Primär total knäledsplastik");
    kva("NFB49", "Primär total höftledsplastik");
    kva("JKA21", "Laparoskopisk kolecystektomi");
    kva("DV027", "Psykoterapeutisk behandling");
  }

  private CodeLists() {}

  private static void icd(String code, String display) {
    CODES.put(ICD10 + "|" + code, new Code(ICD10, code, display));
  }

  private static void atc(String code, String display) {
    CODES.put(ATC + "|" + code, new Code(ATC, code, display));
  }

  private static void kva(String code, String display) {
    CODES.put(KVA + "|" + code, new Code(KVA, code, display));
  }

  /** The code, which must be in the lists (a typo in the generator is a bug, found at start). */
  static Code get(String system, String code) {
    Code c = CODES.get(system + "|" + code);
    if (c == null) {
      throw new IllegalStateException("Code " + system + " " + code + " is not in the synthetic code lists");
    }
    return c;
  }

  static List<Code> of(String system) {
    List<Code> codes = new ArrayList<>();
    CODES.values().stream().filter(c -> c.system().equals(system)).forEach(codes::add);
    return codes;
  }

  /** Writes codes_icd10se.csv, codes_atc.csv, codes_npu.csv, codes_loinc.csv and codes_kva.csv (version = the start year). */
  static Map<String, Long> writeMaster(Path dir, LocalDate start) {
    Map<String, Long> rows = new LinkedHashMap<>();
    LocalDate from = LocalDate.of(start.getYear(), 1, 1);
    String version = Integer.toString(start.getYear());
    for (String system : List.of(ICD10, ATC, NPU, LOINC, KVA)) {
      String file = "master/codes_" + system.toLowerCase(java.util.Locale.ROOT).replace("-", "") + ".csv";
      try (CsvOut out = new CsvOut(dir, file, "system", "code", "display", "version", "valid_from")) {
        for (Code c : of(system)) {
          out.text(c.system()).text(c.code()).text(c.display()).text(version).text(from.toString()).end();
        }
        rows.put(file, out.rows());
      }
    }
    return rows;
  }
}
