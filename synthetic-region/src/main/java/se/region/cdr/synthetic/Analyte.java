package se.region.cdr.synthetic;

/**
 * The lab analytes of the region: NPU code (what Swedish labs report), the matching LOINC code,
 * the unit, and how a value is drawn for a patient (plausible by sex, age and conditions).
 */
enum Analyte {
  HBA1C("NPU27300", "B—Hemoglobin A1c (IFCC); subst.fr.", "59261-8", "Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol", "mmol/mol", 0),
  CREATININE("NPU18016", "P—Kreatininium; subst.konc.", "14682-9", "Creatinine [Moles/volume] in Serum or Plasma", "µmol/L", 0),
  CRP("NPU19748", "P—C-reaktivt protein; mass.konc.", "1988-5", "C reactive protein [Mass/volume] in Serum or Plasma", "mg/L", 0),
  HAEMOGLOBIN("NPU28309", "B—Hemoglobin; mass.konc.", "718-7", "Hemoglobin [Mass/volume] in Blood", "g/L", 0),
  SODIUM("NPU03429", "P—Natriumjon; subst.konc.", "2951-2", "Sodium [Moles/volume] in Serum or Plasma", "mmol/L", 0),
  POTASSIUM("NPU03230", "P—Kaliumjon; subst.konc.", "2823-3", "Potassium [Moles/volume] in Serum or Plasma", "mmol/L", 1),
  NT_PROBNP("NPU21571", "P—Natriuretisk peptid B prohormon N-terminal; mass.konc.", "33762-6",
      "Natriuretic peptide.B prohormone N-Terminal [Mass/volume] in Serum or Plasma", "ng/L", 0);

  final String npu;
  final String npuDisplay;
  final String loinc;
  final String loincDisplay;
  final String unit;
  final int decimals;

  Analyte(String npu, String npuDisplay, String loinc, String loincDisplay, String unit, int decimals) {
    this.npu = npu;
    this.npuDisplay = npuDisplay;
    this.loinc = loinc;
    this.loincDisplay = loincDisplay;
    this.unit = unit;
    this.decimals = decimals;
  }

  /** A value for a patient of this age and sex, with or without the conditions that move it. */
  double draw(SeededRandom r, int age, Sex sex, PatientConditions conditions, boolean infection) {
    return switch (this) {
      case HBA1C -> conditions.has(Condition.DIABETES_TYPE_2) ? r.clipped(56, 12, 38, 120) : r.clipped(35 + age * 0.04, 3.5, 25, 47);
      case CREATININE -> {
        double base = age < 18 ? 25 + age * 3.0 : (sex == Sex.M ? 85 : 68) + Math.max(0, age - 60) * 0.6;
        yield r.clipped(base + (conditions.has(Condition.HEART_FAILURE) ? 25 : 0), base * 0.18, 15, 600);
      }
      case CRP -> infection ? Math.min(400, Math.exp(r.gaussian(Math.log(45), 0.9))) : Math.min(30, Math.exp(r.gaussian(Math.log(2), 0.7)));
      case HAEMOGLOBIN -> age < 16 ? r.clipped(125, 9, 90, 170) : r.clipped(sex == Sex.M ? 148 : 133, 10, 80, 190);
      case SODIUM -> r.clipped(140, 2.5, 124, 152);
      case POTASSIUM -> r.clipped(4.1, 0.35, 2.9, 6.2);
      case NT_PROBNP -> conditions.has(Condition.HEART_FAILURE) ? Math.exp(r.gaussian(Math.log(1800), 0.8))
          : Math.exp(r.gaussian(Math.log(60 + age * 2.0), 0.6));
    };
  }
}
