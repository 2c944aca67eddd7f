package io.stratus.benchmarks.nab;

import io.stratus.timeseries.anomaly.StreamingDetector;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Per-file detector scores cached on disk, so that threshold and ensemble choices re-use detector runs. Entries are
 * keyed by detector name, file name and a <b>fingerprint of the detector's behaviour</b>: the SHA-256 of the scores a
 * fresh instance gives on a fixed synthetic probe of {@value #PROBE_POINTS} points (daily and weekly cycles, noise,
 * spikes, level shifts, flat and quantized stretches, a new pattern). A rebuild that leaves a candidate's scores on the
 * probe unchanged re-uses its NAB scores; any change visible on the probe recomputes them. (A change that the probe
 * cannot see, e.g. one that only acts after more than {@value #PROBE_POINTS} points, would serve stale scores: clear the
 * cache folder after such a change.)
 */
final class NabScoreCache {

  /** Length of the probe series (longer than every rank span and memory of the candidates). */
  static final int PROBE_POINTS = 24_000;

  private final Path dir;

  NabScoreCache(Path root) {
    this.dir = root.resolve("probe");
  }

  /** The probe series: deterministic, 5-minute steps. */
  static double[] probe() {
    SplittableRandom rnd = new SplittableRandom(20261207L);
    double[] v = new double[PROBE_POINTS];
    double level = 100;
    for (int i = 0; i < v.length; i++) {
      if (i % 5000 == 4999) {
        level += 30 * (rnd.nextBoolean() ? 1 : -1);
      }
      double x = level + 20 * Math.sin(2 * Math.PI * i / 288.0) + 5 * Math.sin(2 * Math.PI * i / 2016.0)
          + 3 * rnd.nextGaussian();
      if (rnd.nextInt(700) == 0) {
        x += 60 * (rnd.nextBoolean() ? 1 : -1);
      }
      if (i >= 9000 && i < 9600) {
        x = level; // flat
      }
      if (i >= 15000 && i < 16500) {
        x = Math.rint(x / 10) * 10; // quantized
      }
      if (i >= 20000 && i < 20200) {
        x = level + ((i / 6) % 2 == 0 ? 25 : -25); // new pattern
      }
      v[i] = x;
    }
    return v;
  }

  /** Hex SHA-256 (first 16 digits) of the raw bits of a fresh detector's scores on the probe. */
  static String fingerprint(Supplier<StreamingDetector> factory) {
    double[] v = probe();
    StreamingDetector d = factory.get();
    ByteBuffer buf = ByteBuffer.allocate(8 * v.length);
    for (int i = 0; i < v.length; i++) {
      buf.putDouble(d.update(1_500_000_000_000L + i * 300_000L, v[i]).score());
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(buf.array());
      return HexFormat.of().formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** Scores of every corpus file under the detector, from the cache or computed (and stored). */
  List<double[]> scores(String detector, NabCorpus corpus, Supplier<StreamingDetector> factory) {
    Path folder = dir.resolve(detector).resolve(fingerprint(factory));
    List<double[]> out = new ArrayList<>();
    for (NabCorpus.DataFile f : corpus.files()) {
      Path p = folder.resolve(f.name().replace('/', '_') + ".bin");
      double[] s = read(p, f.size());
      if (s == null) {
        s = NabEvaluation.run(f, factory.get());
        write(p, s);
      }
      out.add(s);
    }
    return out;
  }

  private static double[] read(Path p, int n) {
    if (!Files.exists(p)) {
      return null;
    }
    try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(p)))) {
      int len = in.readInt();
      if (len != n) {
        return null;
      }
      double[] s = new double[n];
      for (int i = 0; i < n; i++) {
        s[i] = in.readDouble();
      }
      return s;
    } catch (IOException e) {
      return null;
    }
  }

  private static void write(Path p, double[] s) {
    try {
      Files.createDirectories(p.getParent());
      Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
      try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
        out.writeInt(s.length);
        for (double v : s) {
          out.writeDouble(v);
        }
      }
      Files.move(tmp, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write score cache " + p, e);
    }
  }
}
