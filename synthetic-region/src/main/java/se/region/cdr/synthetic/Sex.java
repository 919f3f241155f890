package se.region.cdr.synthetic;

/** Legal sex as the personal identity number gives it. */
enum Sex {
  M,
  F
}
