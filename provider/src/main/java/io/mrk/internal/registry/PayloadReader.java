package io.mrk.internal.registry;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * A big-endian reader over a registry payload: checks every length against what remains before
 * reading or allocating, and reports any problem as {@link InvalidRegistryException}.
 */
final class PayloadReader {

  private final byte[] in;
  private int pos;

  PayloadReader(byte[] in) {
    this.in = in;
  }

  int u8() throws InvalidRegistryException {
    need(1);
    return in[pos++] & 0xFF;
  }

  int u16() throws InvalidRegistryException {
    return (u8() << 8) | u8();
  }

  int i32() throws InvalidRegistryException {
    return (u16() << 16) | u16();
  }

  long i64() throws InvalidRegistryException {
    return ((long) i32() << 32) | (i32() & 0xFFFFFFFFL);
  }

  /**
   * A u32 count of items, each at least {@code minItemBytes} long: a count the remaining bytes
   * cannot hold is refused before anything is allocated for it.
   */
  int count(int minItemBytes, String what) throws InvalidRegistryException {
    int n = i32();
    if (n < 0 || (long) n * minItemBytes > remaining()) {
      throw new InvalidRegistryException("Invalid registry: " + what + " count " + (n & 0xFFFFFFFFL)
          + " exceeds the payload.");
    }
    return n;
  }

  /** A u16 count, bounded the same way. */
  int shortCount(int minItemBytes, String what) throws InvalidRegistryException {
    int n = u16();
    if ((long) n * minItemBytes > remaining()) {
      throw new InvalidRegistryException("Invalid registry: " + what + " count " + n + " exceeds the payload.");
    }
    return n;
  }

  boolean bool() throws InvalidRegistryException {
    int v = u8();
    if (v > 1) {
      throw new InvalidRegistryException("Invalid registry: flag byte " + v + " at offset " + (pos - 1) + ".");
    }
    return v == 1;
  }

  byte[] bytes(int n) throws InvalidRegistryException {
    need(n);
    byte[] out = new byte[n];
    System.arraycopy(in, pos, out, 0, n);
    pos += n;
    return out;
  }

  String string() throws InvalidRegistryException {
    int n = u16();
    need(n);
    try {
      String s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(in, pos, n)).toString();
      pos += n;
      return s;
    } catch (CharacterCodingException e) {
      throw new InvalidRegistryException("Invalid registry: malformed UTF-8 at offset " + pos + ".");
    }
  }

  String optionalString() throws InvalidRegistryException {
    return bool() ? string() : null;
  }

  Instant instant() throws InvalidRegistryException {
    long seconds = i64();
    int nanos = i32();
    if (nanos < 0 || nanos > 999_999_999) {
      throw new InvalidRegistryException("Invalid registry: nanoseconds out of range.");
    }
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException e) {
      throw new InvalidRegistryException("Invalid registry: instant out of range.");
    }
  }

  Instant optionalInstant() throws InvalidRegistryException {
    return bool() ? instant() : null;
  }

  int remaining() {
    return in.length - pos;
  }

  int position() {
    return pos;
  }

  private void need(int n) throws InvalidRegistryException {
    if (n < 0 || n > remaining()) {
      throw new InvalidRegistryException("Invalid registry: truncated at offset " + pos + " (need " + n
          + " bytes, " + remaining() + " left).");
    }
  }
}
