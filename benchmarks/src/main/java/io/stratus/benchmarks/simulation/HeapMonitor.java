package io.stratus.benchmarks.simulation;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Measures heap use of one benchmark run in its own JVM, as the mcs-bench-1 scenario document defines it.
 *
 * <ul>
 *   <li>{@code peakHeapUsedMiB}: highest used heap seen, sampled every 5 ms by a daemon thread and taken before each
 *       GC from the GC notifications (includes garbage, so it depends on the heap size and the collector);
 *   <li>{@code peakHeapAfterGcMiB}: highest heap in use right after a GC during setup and run (closest to the live
 *       peak; 0 when no GC happened);
 *   <li>{@code retainedHeapMiB}: heap in use after a full GC at the end of the run with the model still reachable,
 *       minus the same figure taken before setup.
 * </ul>
 *
 * <p>Not thread-safe for configuration; the peak fields are updated from the sampler and GC notification threads.
 */
final class HeapMonitor implements AutoCloseable {
  private static final double MIB = 1024.0 * 1024.0;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onGc;
  private final Thread sampler;
  private volatile boolean running = true;
  private volatile long peakUsed;
  private volatile long peakAfterGc;
  private volatile long gcCount;
  private long baseline;

  HeapMonitor() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter) {
        NotificationEmitter emitter = (NotificationEmitter) gc;
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
    sampler = new Thread(this::sample, "heap-sampler");
    sampler.setDaemon(true);
  }

  /** Takes the baseline (full GC, then used heap) and starts sampling. */
  void start() {
    baseline = fullGcUsed();
    peakUsed = 0;
    peakAfterGc = 0;
    gcCount = 0;
    sampler.start();
  }

  /** Stops sampling; the next full GC's used heap minus the baseline is the retained heap. */
  double retainedMiB() {
    running = false;
    return (fullGcUsed() - baseline) / MIB;
  }

  double peakUsedMiB() {
    return peakUsed / MIB;
  }

  double peakAfterGcMiB() {
    return peakAfterGc / MIB;
  }

  long gcCount() {
    return gcCount;
  }

  private long fullGcUsed() {
    boolean was = running;
    running = false; // full GCs requested here are not part of the peak
    memory.gc();
    memory.gc();
    long used = memory.getHeapMemoryUsage().getUsed();
    running = was;
    return used;
  }

  private void sample() {
    while (running) {
      long used = memory.getHeapMemoryUsage().getUsed();
      if (used > peakUsed) {
        peakUsed = used;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void onGc(javax.management.Notification n, Object handback) {
    if (!running || !GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    long before = heapSum(info.getGcInfo().getMemoryUsageBeforeGc());
    long after = heapSum(info.getGcInfo().getMemoryUsageAfterGc());
    gcCount++;
    if (before > peakUsed) {
      peakUsed = before;
    }
    if (after > peakAfterGc) {
      peakAfterGc = after;
    }
  }

  private static long heapSum(Map<String, MemoryUsage> pools) {
    long sum = 0;
    for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        MemoryUsage u = pools.get(pool.getName());
        if (u != null) {
          sum += u.getUsed();
        }
      }
    }
    return sum;
  }

  @Override
  public void close() {
    running = false;
    for (NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(listener);
      } catch (javax.management.ListenerNotFoundException ignored) {
        // already removed
      }
    }
  }
}
