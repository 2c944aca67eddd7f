package io.stratus.benchmarks.nab;

import io.stratus.timeseries.anomaly.DetectorOptions;
import io.stratus.timeseries.anomaly.Detectors;
import io.stratus.timeseries.anomaly.StreamingDetector;
import io.stratus.timeseries.forecast.Forecasters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The Stratus detectors evaluated on NAB, each with the settings used for every file (no per-file tuning). */
final class NabDetectors {

  private NabDetectors() {
  }

  static Map<String, Supplier<StreamingDetector>> all() {
    Map<String, Supplier<StreamingDetector>> m = new LinkedHashMap<>();
    DetectorOptions options = DetectorOptions.builder().window(256).bandWidth(4.0).build();
    m.put("robustZScore", () -> Detectors.robustZScore(options));
    m.put("ewma", () -> Detectors.ewma(options));
    m.put("seasonalBaseline", () -> Detectors.seasonalBaseline(options));
    DetectorOptions weekly = options.toBuilder().seasonality(DetectorOptions.Seasonality.HOUR_OF_WEEK).build();
    m.put("seasonalBaselineWeekly", () -> Detectors.seasonalBaseline(weekly));
    m.put("cusum", () -> Detectors.cusum(options));
    m.put("bayesianChangePoint", () -> Detectors.bayesianChangePoint(options));
    m.put("halfSpaceTrees", () -> Detectors.halfSpaceTrees(options));
    m.put("forecastResidual", () -> Detectors.forecastResidual(Forecasters.holt(), 256, options));
    m.put("ensemble", Detectors::ensemble); // the shipped default, exactly
    m.put("ensembleOfAll", () -> Detectors.ensemble(options, List.of(Detectors.robustZScore(options),
        Detectors.ewma(options), Detectors.seasonalBaseline(options), Detectors.cusum(options),
        Detectors.halfSpaceTrees(options))));
    return m;
  }
}
