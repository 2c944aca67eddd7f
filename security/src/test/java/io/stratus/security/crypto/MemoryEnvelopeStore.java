package io.stratus.security.crypto;

import io.stratus.security.spi.EnvelopeStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An in-memory {@link EnvelopeStore} with fault injection: {@link Faults#step} is called before every page read and
 * before and after every replacement, so a test can stop the run at any step. Thread-safe.
 */
class MemoryEnvelopeStore implements EnvelopeStore {
  private final TreeMap<String, byte[][]> records = new TreeMap<>();
  private final Faults faults;

  MemoryEnvelopeStore(Faults faults) {
    this.faults = faults;
  }

  synchronized void put(String id, byte[] envelope, byte[] aad) {
    records.put(id, new byte[][] {envelope.clone(), aad.clone()});
  }

  synchronized byte[] envelope(String id) {
    return records.get(id)[0].clone();
  }

  synchronized byte[] aad(String id) {
    return records.get(id)[1].clone();
  }

  synchronized List<String> ids() {
    return List.copyOf(records.keySet());
  }

  @Override
  public String id() {
    return "memory";
  }

  @Override
  public synchronized long count() {
    return records.size();
  }

  @Override
  public synchronized List<StoredEnvelope> page(String afterRecordId, int limit) {
    faults.step("page after '" + afterRecordId + "'");
    List<StoredEnvelope> out = new ArrayList<>();
    for (Map.Entry<String, byte[][]> e : records.tailMap(afterRecordId, false).entrySet()) {
      if (out.size() == limit) {
        break;
      }
      out.add(new StoredEnvelope(e.getKey(), e.getValue()[0], e.getValue()[1]));
    }
    return out;
  }

  @Override
  public synchronized boolean replace(String recordId, byte[] expected, byte[] replacement) {
    faults.step("before replacing " + recordId);
    byte[][] r = records.get(recordId);
    if (r == null || !Arrays.equals(r[0], expected)) {
      return false;
    }
    r[0] = replacement.clone();
    faults.step("after replacing " + recordId);
    return true;
  }
}
