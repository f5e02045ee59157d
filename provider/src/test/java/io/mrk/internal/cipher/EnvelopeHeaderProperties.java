package io.mrk.internal.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.spi.EncryptedDataKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The suite 2 header codec (spec/ciphertext-suite-2.md, section 1): encoded headers parse back to
 * their fields, no strict prefix of a header parses, and arbitrary bytes fail only with
 * {@link AEADBadTagException}, with the work bounded by the announced lengths.
 */
class EnvelopeHeaderProperties {

  @Provide
  Arbitrary<Map<String, String>> contexts() {
    return Arbitraries.maps(Arbitraries.strings().ofMinLength(1).ofMaxLength(12),
        Arbitraries.strings().ofMaxLength(20)).ofMaxSize(5);
  }

  @Provide
  Arbitrary<List<EncryptedDataKey>> edks() {
    Arbitrary<String> ascii = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(40);
    Arbitrary<byte[]> blob = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300);
    return net.jqwik.api.Combinators.combine(ascii, ascii, blob).as(EncryptedDataKey::new).list().ofMinSize(1)
        .ofMaxSize(EnvelopeHeader.MAX_EDKS);
  }

  private static byte[] header(Map<String, String> ctx, List<EncryptedDataKey> edks, int log2) {
    byte[] salt = new byte[32];
    Arrays.fill(salt, (byte) 5);
    byte[] bound = EnvelopeHeader.encodeBoundPrefix(log2, ctx, edks, salt);
    byte[] h = Arrays.copyOf(bound, bound.length + 32 + 12);
    Arrays.fill(h, bound.length, h.length, (byte) 9);
    return h;
  }

  @Property(tries = 200)
  boolean encodedHeadersParseBack(@ForAll("contexts") Map<String, String> ctx, @ForAll("edks") List<EncryptedDataKey> edks,
                                  @ForAll @IntRange(min = 8, max = 24) int log2) throws AEADBadTagException {
    byte[] h;
    try {
      h = header(ctx, edks, log2);
    } catch (IllegalArgumentException invalidUtf16) {
      return true;
    }
    assertEquals(h.length, EnvelopeHeader.completeLength(h, 0, h.length));
    EnvelopeHeader parsed = EnvelopeHeader.parse(h, 0, h.length);
    assertEquals(ctx, parsed.context());
    assertEquals(edks, parsed.edks());
    assertEquals(log2, parsed.chunkSizeLog2());
    assertEquals(h.length, parsed.length());
    assertArrayEquals(Arrays.copyOfRange(h, h.length - 44, h.length - 12), parsed.commitment());
    return true;
  }

  @Property(tries = 100)
  void noStrictPrefixParses(@ForAll("edks") List<EncryptedDataKey> edks) throws AEADBadTagException {
    byte[] h = header(Map.of("a", "b"), edks, 16);
    for (int n = 0; n < h.length; n++) {
      int length = EnvelopeHeader.completeLength(h, 0, n);
      assertTrue(length == -1 || length == h.length, "prefix " + n);
    }
  }

  @Property(tries = 1000)
  void arbitraryBytesFailOnlyAsABadTag(@ForAll @Size(max = 400) byte[] noise, @ForAll boolean withPrefix) {
    byte[] b = noise;
    if (withPrefix) {
      b = new byte[noise.length + 3];
      b[0] = 2;
      b[1] = 2;
      b[2] = 16;
      System.arraycopy(noise, 0, b, 3, noise.length);
    }
    try {
      int length = EnvelopeHeader.completeLength(b, 0, b.length);
      if (length >= 0 && length <= b.length) {
        EnvelopeHeader.parse(b, 0, length);
      }
    } catch (AEADBadTagException expected) {
      // the only failure allowed
    }
  }

  @Property(tries = 50)
  void aRepeatedOrUnsortedContextIsRefused(@ForAll("edks") List<EncryptedDataKey> edks) throws Exception {
    byte[] h = header(Map.of("a", "1", "b", "2"), edks, 16);
    // Swap the two one-byte keys: the same bytes, unsorted.
    List<Integer> at = new ArrayList<>();
    for (int i = 7; i < 7 + 12; i++) {
      if (h[i] == 'a' || h[i] == 'b') {
        at.add(i);
      }
    }
    byte[] t = h.clone();
    t[at.get(0)] = 'b';
    t[at.get(1)] = 'a';
    try {
      EnvelopeHeader.parse(t, 0, t.length);
      throw new AssertionError("an unsorted context parsed");
    } catch (AEADBadTagException expected) {
      assertTrue(expected.getMessage().contains("canonical"), expected.getMessage());
    }
  }
}
