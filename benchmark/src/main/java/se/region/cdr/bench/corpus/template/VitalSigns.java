package se.region.cdr.bench.corpus.template;

/** One set of vital signs taken at the same time; units as in the vital-signs OPT. */
public record VitalSigns(
    int systolicMmHg,
    int diastolicMmHg,
    int pulsePerMin,
    double temperatureCelsius,
    double spo2Percent,
    int respirationPerMin) {}
