package io.stratus.benchmarks.m4;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reader of M4's wide CSV files: a header row, then one series per row (id, values, padded with empty strings). */
final class M4Data {

  private M4Data() {}

  /** Reads id -> values, in file order. */
  static Map<String, double[]> read(Path file) throws IOException {
    Map<String, double[]> out = new LinkedHashMap<>();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
      for (CSVRecord rec : p) {
        String id = rec.get(0);
        List<Double> vals = new ArrayList<>();
        for (int i = 1; i < rec.size(); i++) {
          String s = rec.get(i).trim();
          if (s.isEmpty()) {
            break;
          }
          double v = Double.parseDouble(s);
          if (!Double.isFinite(v)) {
            throw new IOException(file + ": series " + id + " value " + i + " = " + s + " is not finite");
          }
          vals.add(v);
        }
        out.put(id, vals.stream().mapToDouble(Double::doubleValue).toArray());
      }
    }
    return out;
  }

  /** Published accuracy rows: method or user id -> {sMAPE, MASE, OWA} for the Hourly set. */
  static Map<String, double[]> publishedHourly(Path csv) throws IOException {
    Map<String, double[]> out = new LinkedHashMap<>();
    if (!Files.exists(csv)) {
      return out;
    }
    try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
      for (CSVRecord rec : p) {
        out.putIfAbsent(rec.get(0), new double[] {
            Double.parseDouble(rec.get("sMAPE_Hourly")),
            Double.parseDouble(rec.get("MASE_Hourly")),
            Double.parseDouble(rec.get("OWA_Hourly"))});
      }
    }
    return out;
  }
}
