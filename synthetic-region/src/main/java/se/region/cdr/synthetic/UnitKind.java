package se.region.cdr.synthetic;

/** The kind of care of a unit and of a contact, as written in units.csv and encounters.csv. */
enum UnitKind {
  INPATIENT("inpatient"),
  OUTPATIENT("outpatient"),
  PRIMARY("primary");

  final String label;

  UnitKind(String label) {
    this.label = label;
  }
}
