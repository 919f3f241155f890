package se.region.cdr.synthetic;

/** What a hospital ward or clinic does; primary care centres are {@link #PRIMARY_CARE}. */
enum Specialty {
  MEDICINE,
  CARDIOLOGY,
  SURGERY,
  ORTHOPAEDICS,
  PAEDIATRICS,
  OBSTETRICS,
  GYNAECOLOGY,
  PSYCHIATRY,
  CHILD_PSYCHIATRY,
  GERIATRICS,
  PULMONOLOGY,
  PRIMARY_CARE
}
