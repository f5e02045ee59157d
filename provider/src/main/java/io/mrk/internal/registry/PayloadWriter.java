package io.mrk.internal.registry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * A big-endian byte writer for the registry encoding. The buffer holds key material, so every
 * buffer it outgrows is wiped, and {@link #toByteArrayAndWipe()} wipes the last one.
 */
final class PayloadWriter {

  private byte[] buf = new byte[4096];
  private int size;

  void u8(int v) {
    ensure(1);
    buf[size++] = (byte) v;
  }

  void u16(int v) {
    if (v < 0 || v > 0xFFFF) {
      throw new IllegalArgumentException("value does not fit in 16 bits: " + v);
    }
    u8(v >>> 8);
    u8(v);
  }

  void u32(int v) {
    if (v < 0) {
      throw new IllegalArgumentException("negative count: " + v);
    }
    i32(v);
  }

  void i32(int v) {
    u8(v >>> 24);
    u8(v >>> 16);
    u8(v >>> 8);
    u8(v);
  }

  void i64(long v) {
    i32((int) (v >>> 32));
    i32((int) v);
  }

  void bool(boolean v) {
    u8(v ? 1 : 0);
  }

  void bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
  }

  /** A string: u16 byte length, then UTF-8. */
  void string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    u16(b.length);
    bytes(b);
  }

  /** u8 presence flag, then the string when present. */
  void optionalString(String s) {
    bool(s != null);
    if (s != null) {
      string(s);
    }
  }

  /** i64 epoch seconds, then i32 nanoseconds. */
  void instant(Instant t) {
    i64(t.getEpochSecond());
    i32(t.getNano());
  }

  void optionalInstant(Instant t) {
    bool(t != null);
    if (t != null) {
      instant(t);
    }
  }

  byte[] toByteArrayAndWipe() {
    byte[] out = Arrays.copyOf(buf, size);
    Arrays.fill(buf, (byte) 0);
    size = 0;
    return out;
  }

  private void ensure(int more) {
    if (size + more <= buf.length) {
      return;
    }
    byte[] bigger = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    Arrays.fill(buf, (byte) 0);
    buf = bigger;
  }
}
