package io.stratus.model;

import org.apiguardian.api.API;

/**
 * CPU architecture of an instance type.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Architecture {
  /** 64-bit x86 (Intel, AMD). */
  X86_64,
  /** 64-bit ARM (Graviton, Ampere, Cobalt). */
  ARM64
}
