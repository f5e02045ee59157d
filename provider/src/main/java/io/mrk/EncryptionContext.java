package io.mrk;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The canonical byte encoding of an encryption context (string pairs bound to a ciphertext as AAD),
 * as the AWS Encryption SDK serialises it: u16 pair count, then the pairs sorted by the key's UTF-8
 * bytes (unsigned), each key and value as u16 length || UTF-8 bytes. An empty context is zero bytes.
 *
 * <p>Length prefixes make the encoding unambiguous ({"a":"bc"} and {"ab":"c"} differ) and sorting makes
 * it independent of map order, so the same context always yields the same AAD.
 */
public final class EncryptionContext {

  /** The largest encoding, as in the AWS Encryption SDK (its length must fit a u16). */
  public static final int MAX_BYTES = 0xFFFF;

  private EncryptionContext() {}

  /**
   * Encodes {@code context}.
   *
   * @throws IllegalArgumentException for a null key or value, text that is not valid UTF-16 (a lone
   *     surrogate would otherwise be silently replaced), a key present more than once (possible in an
   *     {@code IdentityHashMap}), or an encoding over {@link #MAX_BYTES}
   */
  public static byte[] encode(Map<String, String> context) {
    if (context == null) {
      throw new IllegalArgumentException("encryption context is null");
    }
    if (context.isEmpty()) {
      return new byte[0];
    }
    List<byte[][]> pairs = new ArrayList<>(context.size());
    long total = 2;
    for (Map.Entry<String, String> e : context.entrySet()) {
      byte[] key = utf8(e.getKey(), "key");
      byte[] value = utf8(e.getValue(), "value of '" + e.getKey() + "'");
      total += 4L + key.length + value.length;
      if (total > MAX_BYTES) {
        throw new IllegalArgumentException("encryption context encodes to more than " + MAX_BYTES + " bytes");
      }
      pairs.add(new byte[][] {key, value});
    }
    pairs.sort((x, y) -> Arrays.compareUnsigned(x[0], y[0]));
    for (int i = 1; i < pairs.size(); i++) {
      // A map whose keys are not distinct (an IdentityHashMap holding two equal strings) would encode
      // in iteration order: the same context would give different AAD. Refuse it.
      if (Arrays.equals(pairs.get(i - 1)[0], pairs.get(i)[0])) {
        throw new IllegalArgumentException("encryption context holds the key '" + new String(pairs.get(i)[0],
            StandardCharsets.UTF_8) + "' more than once (a map whose keys are not distinct)");
      }
    }
    ByteBuffer out = ByteBuffer.allocate((int) total);
    out.putShort((short) pairs.size());
    for (byte[][] pair : pairs) {
      out.putShort((short) pair[0].length).put(pair[0]);
      out.putShort((short) pair[1].length).put(pair[1]);
    }
    return out.array();
  }

  private static byte[] utf8(String s, String what) {
    if (s == null) {
      throw new IllegalArgumentException("encryption context " + what + " is null");
    }
    CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      ByteBuffer b = encoder.encode(CharBuffer.wrap(s));
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      return bytes;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("encryption context " + what + " is not valid Unicode text", e);
    }
  }
}
