package io.stratus.finops.focus;

/** A kind of accepted deviation from the FOCUS rules, noted per row and counted into a {@link ConformanceFinding}. */
record Deviation(String column, String rule, String action) {}
