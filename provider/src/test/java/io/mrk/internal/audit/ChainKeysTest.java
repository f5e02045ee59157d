package io.mrk.internal.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mrk.kms.Region;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The per-Region chain keys: HKDF-SHA-256 (RFC 5869) computed here from its two HMAC steps. */
class ChainKeysTest {

  @Test
  void eachRegionsKeyIsHkdfSha256OfTheSecretWithTheRegionInTheInfo() throws Exception {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) 0x5a);
    for (String code : new String[] {"eu-west-1", "us-east-1", "cn-north-1"}) {
      Mac extract = Mac.getInstance("HmacSHA256");
      extract.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
      byte[] prk = extract.doFinal(secret);
      Mac expand = Mac.getInstance("HmacSHA256");
      expand.init(new SecretKeySpec(prk, "HmacSHA256"));
      ByteArrayOutputStream info = new ByteArrayOutputStream();
      info.writeBytes("MRK audit chain key v2".getBytes(StandardCharsets.US_ASCII));
      info.write(0);
      info.writeBytes(code.getBytes(StandardCharsets.US_ASCII));
      expand.update(info.toByteArray());
      byte[] expected = expand.doFinal(new byte[] {1});
      try (ChainKeys keys = ChainKeys.fromSecret(secret)) {
        assertArrayEquals(expected, keys.keyBytes(new Region(code)), code);
      }
    }
  }

  @Test
  void closedKeysCannotBeUsed() {
    ChainKeys keys = ChainKeys.fromSecret(new byte[32]);
    keys.close();
    assertThrows(IllegalStateException.class, () -> keys.mac(new Region("eu-west-1")));
  }

  /** The known-answer vectors of spec/policy-and-audit.md ("Chain construction"), secret = 32 bytes of 0x5a. */
  @Test
  void knownAnswers() {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) 0x5a);
    HexFormat hex = HexFormat.of();
    Region eu = new Region("eu-west-1");
    try (ChainKeys keys = ChainKeys.fromSecret(secret)) {
      assertEquals("861cd9e068b3b9aff947c3e1047c24ff42d4f7cdac4c0bf9ebbaa24998951ae5", hex.formatHex(keys.keyBytes(eu)));
      assertEquals("833f9752e6daebdc2ac4c421f7cf95044a523b1929157c70f71fb5a7fcaae410",
          hex.formatHex(keys.keyBytes(new Region("us-east-1"))));
      assertEquals("3a20509bad6399c6e3363fd66c44976f", keys.trailId());
      byte[] genesis = AuditChain.genesis(eu);
      assertEquals("d750f22188c73647f78269834607a40b0707c80a9403aa22eeaf6d07a14c2c18", hex.formatHex(genesis));
      String unsigned = AuditChain.unsigned("{\"a\":1", 1, genesis);
      assertEquals("{\"a\":1,\"mrkChain\":{\"sequence\":1,\"previousLink\":\"" + hex.formatHex(genesis) + "\"}}", unsigned);
      byte[] link = AuditChain.link(keys.mac(eu), genesis, unsigned);
      assertEquals("7ca40f37773edca381c4faf65eb26188f7795fb110792ccbba2c66c87fdb3181", hex.formatHex(link));
      String stored = AuditChain.sign(unsigned, link);
      assertEquals(unsigned.substring(0, unsigned.length() - 3) + "\",\"link\":\"" + hex.formatHex(link) + "\"}}", stored);
      assertEquals(null, AuditChain.problem(stored, genesis, keys.mac(eu)));
    }
  }
}
