package se.region.cdr.synthetic;

import java.nio.file.Path;
import java.util.List;

/** The clinical source files, open while patients are written (the column lists are documented in the README). */
final class SourceFiles implements AutoCloseable {
  final CsvOut patients;
  final CsvOut encounters;
  final CsvOut diagnoses;
  final CsvOut medications;
  final CsvOut labs;
  final CsvOut vitals;
  final CsvOut procedures;
  final CsvOut referrals;
  final CsvOut costs;
  private long contactSerial;
  private long orderSerial;
  private long referralSerial;

  SourceFiles(Path dir) {
    patients = new CsvOut(dir, "patients.csv", "patient_id", "birth_date", "sex", "municipality_code");
    encounters = new CsvOut(dir, "encounters.csv", "contact_id", "patient_id", "unit_hsa_id", "kind", "start_time", "end_time");
    diagnoses = new CsvOut(dir, "diagnoses.csv", "contact_id", "patient_id", "icd10_code", "role", "date");
    medications = new CsvOut(dir, "medications.csv", "order_id", "patient_id", "contact_id", "atc_code", "dose", "dose_unit",
        "times_per_day", "route", "start_date", "stop_date");
    labs = new CsvOut(dir, "labs.csv", "patient_id", "contact_id", "sampled_at", "npu_code", "loinc_code", "value", "unit");
    vitals = new CsvOut(dir, "vitals.csv", "patient_id", "contact_id", "measured_at", "systolic", "diastolic", "pulse", "temperature",
        "weight_kg", "height_cm");
    procedures = new CsvOut(dir, "procedures.csv", "patient_id", "contact_id", "kva_code", "performed_at", "unit_hsa_id");
    referrals = new CsvOut(dir, "referrals.csv", "referral_id", "patient_id", "from_unit_hsa_id", "to_unit_hsa_id", "referral_date",
        "decision_date", "start_date", "contact_id");
    costs = new CsvOut(dir, "costs.csv", "contact_id", "patient_id", "unit_hsa_id", "staff_sek", "drugs_sek", "lab_sek", "imaging_sek",
        "overhead_sek", "total_sek");
  }

  String nextContactId() {
    return "K" + (++contactSerial);
  }

  String nextOrderId() {
    return "O" + (++orderSerial);
  }

  String nextReferralId() {
    return "R" + (++referralSerial);
  }

  List<CsvOut> all() {
    return List.of(patients, encounters, diagnoses, medications, labs, vitals, procedures, referrals, costs);
  }

  @Override
  public void close() {
    all().forEach(CsvOut::close);
  }
}
