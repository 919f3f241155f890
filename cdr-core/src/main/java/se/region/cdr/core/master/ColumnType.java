package se.region.cdr.core.master;

import java.util.regex.Pattern;

/** What a master-data column may hold; {@link #check} returns the reason a value is refused, or null. */
enum ColumnType {
  TENANT("a region's tenant number, 1 to 32767", Pattern.compile("[1-9][0-9]{0,4}")) {
    @Override
    String check(String value) {
      String reason = super.check(value);
      return reason != null || Integer.parseInt(value) <= Short.MAX_VALUE ? reason : "'" + value + "' is not " + description;
    }
  },
  REGION_CODE("a two-digit region (county) code such as 01", Pattern.compile("[0-9]{2}")),
  TEXT("text", Pattern.compile(".*\\S.*", Pattern.DOTALL)),
  HSA_ID("an HSA-id such as SE2321000016-15CQ", Pattern.compile("SE[0-9]{10}-[0-9A-Za-z]+")),
  UNIT_KIND("one of inpatient, outpatient, primary", Pattern.compile("inpatient|outpatient|primary")),
  CODE_SYSTEM("a code system id such as ICD-10-SE, ATC, NPU, KVA, LOINC", Pattern.compile("[A-Za-z][A-Za-z0-9._-]*")),
  CODE("a code without spaces", Pattern.compile("\\S+"));

  final String description;
  private final Pattern pattern;

  ColumnType(String description, Pattern pattern) {
    this.description = description;
    this.pattern = pattern;
  }

  String check(String value) {
    if (value.isEmpty()) {
      return "is empty; expected " + description;
    }
    return pattern.matcher(value).matches() ? null : "'" + value + "' is not " + description;
  }
}
