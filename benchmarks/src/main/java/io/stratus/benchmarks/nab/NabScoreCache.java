package io.stratus.benchmarks.nab;

import io.stratus.timeseries.anomaly.StreamingDetector;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Per-file detector scores cached on disk, so that threshold and ensemble choices re-use detector runs. Entries are
 * keyed by detector name, file name and a build stamp (size and modification time of the jar or class folder holding
 * the detectors), so a rebuild never serves stale scores.
 */
final class NabScoreCache {

  private final Path dir;

  NabScoreCache(Path root) {
    this.dir = root.resolve(buildStamp());
  }

  static String buildStamp() {
    try {
      CodeSource source = StreamingDetector.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return "nocode";
      }
      Path p = Paths.get(source.getLocation().toURI());
      Path stamp = Files.isDirectory(p) ? p.resolve("io/stratus/timeseries/anomaly") : p;
      long newest = 0;
      long size = 0;
      if (Files.isDirectory(stamp)) {
        try (var files = Files.list(stamp)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            newest = Math.max(newest, Files.getLastModifiedTime(f).toMillis());
            size += Files.size(f);
          }
        }
      } else {
        newest = Files.getLastModifiedTime(stamp).toMillis();
        size = Files.size(stamp);
      }
      return Long.toHexString(newest) + "-" + Long.toHexString(size);
    } catch (IOException | URISyntaxException e) {
      return "nostamp";
    }
  }

  /** Scores of every corpus file under the detector, from the cache or computed (and stored). */
  List<double[]> scores(String detector, NabCorpus corpus, Supplier<StreamingDetector> factory) {
    List<double[]> out = new ArrayList<>();
    for (NabCorpus.DataFile f : corpus.files()) {
      Path p = dir.resolve(detector).resolve(f.name().replace('/', '_') + ".bin");
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
