package se.region.cdr.bench.corpus;

import java.util.List;

/**
 * A laboratory analyte of the corpus: LOINC code and name, UCUM units, and the population
 * distribution its values are drawn from (clipped gaussian, {@code precision} decimals).
 */
public record Analyte(
    String loincCode,
    String name,
    String units,
    double mean,
    double sd,
    double min,
    double max,
    int precision) {

  /** HbA1c (IFCC, mmol/mol); drawn per EHR instead of from the population distribution. */
  public static final Analyte HBA1C =
      new Analyte(
          "59261-8",
          "Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol",
          "mmol/mol",
          36,
          4,
          20,
          150,
          0);

  /** The 20 analytes; a report holds 5 of them. */
  public static final List<Analyte> ALL =
      List.of(
          HBA1C,
          new Analyte(
              "14749-6",
              "Glucose [Moles/volume] in Serum or Plasma",
              "mmol/L",
              5.6,
              1.2,
              2.0,
              30.0,
              1),
          new Analyte(
              "14682-9",
              "Creatinine [Moles/volume] in Serum or Plasma",
              "umol/L",
              80,
              20,
              30,
              900,
              0),
          new Analyte(
              "2951-2", "Sodium [Moles/volume] in Serum or Plasma", "mmol/L", 140, 3, 115, 165, 0),
          new Analyte(
              "2823-3",
              "Potassium [Moles/volume] in Serum or Plasma",
              "mmol/L",
              4.2,
              0.4,
              2.5,
              7.0,
              1),
          new Analyte("718-7", "Hemoglobin [Mass/volume] in Blood", "g/L", 140, 15, 60, 200, 0),
          new Analyte(
              "6690-2",
              "Leukocytes [#/volume] in Blood by Automated count",
              "10*9/L",
              7.0,
              2.0,
              1.0,
              40.0,
              1),
          new Analyte(
              "777-3",
              "Platelets [#/volume] in Blood by Automated count",
              "10*9/L",
              250,
              60,
              20,
              900,
              0),
          new Analyte(
              "14647-2",
              "Cholesterol [Moles/volume] in Serum or Plasma",
              "mmol/L",
              5.0,
              1.0,
              2.0,
              12.0,
              1),
          new Analyte(
              "14646-4",
              "Cholesterol in HDL [Moles/volume] in Serum or Plasma",
              "mmol/L",
              1.4,
              0.3,
              0.4,
              3.5,
              1),
          new Analyte(
              "22748-8",
              "Cholesterol in LDL [Moles/volume] in Serum or Plasma",
              "mmol/L",
              3.0,
              0.8,
              0.5,
              9.0,
              1),
          new Analyte(
              "14927-8",
              "Triglyceride [Moles/volume] in Serum or Plasma",
              "mmol/L",
              1.5,
              0.6,
              0.3,
              10.0,
              1),
          new Analyte(
              "1742-6",
              "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma",
              "U/L",
              25,
              10,
              5,
              500,
              0),
          new Analyte(
              "1920-8",
              "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma",
              "U/L",
              24,
              8,
              5,
              500,
              0),
          new Analyte(
              "1988-5",
              "C reactive protein [Mass/volume] in Serum or Plasma",
              "mg/L",
              3,
              4,
              0.5,
              300,
              1),
          new Analyte(
              "3016-3",
              "Thyrotropin [Units/volume] in Serum or Plasma",
              "m[IU]/L",
              2.0,
              0.8,
              0.1,
              20.0,
              2),
          new Analyte(
              "33914-3",
              "Glomerular filtration rate/1.73 sq M.predicted",
              "mL/min/{1.73_m2}",
              85,
              20,
              5,
              150,
              0),
          new Analyte(
              "1751-7", "Albumin [Mass/volume] in Serum or Plasma", "g/L", 42, 4, 20, 55, 0),
          new Analyte(
              "22664-7",
              "Urea [Moles/volume] in Serum or Plasma",
              "mmol/L",
              5.5,
              1.5,
              1.0,
              40.0,
              1),
          new Analyte(
              "2276-4", "Ferritin [Mass/volume] in Serum or Plasma", "ug/L", 100, 60, 5, 1500, 0));
}
