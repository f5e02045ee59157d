package io.mrk.internal.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mrk.kms.Region;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
}
