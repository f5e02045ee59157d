package io.mrk.aws;

import static io.mrk.aws.ServeFixture.EU;
import static io.mrk.aws.ServeFixture.US;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.EncryptionContextParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The encrypted data key interoperates: the aws CLI decrypts a suite 2 message's EDK against the
 * replica Region's endpoint of {@code mrk serve}, with the message's encryption context, and the
 * data key it returns reproduces the header's commitment under an HKDF written here from RFC 5869
 * (spec/ciphertext-suite-2.md, section 2), independently of the provider's code.
 */
class AwsCliInteropTest {

  @TempDir
  Path dir;

  @BeforeAll
  static void install() {
    ServeFixture.installProvider();
  }

  private static String awsCli() {
    if (Files.isExecutable(Path.of("/usr/bin/aws"))) {
      return "/usr/bin/aws";
    }
    return MotoPeerTest.findOnPath("aws");
  }

  @Test
  void theAwsCliDecryptsTheEncryptedDataKeyInTheReplicaRegion() throws Exception {
    String aws = awsCli();
    Assumptions.assumeTrue(aws != null, "SKIPPED: no aws CLI (/usr/bin/aws or aws on PATH); the EDK interop test"
        + " did not run");
    try (ServeFixture f = ServeFixture.start(dir)) {
      String id = f.ordersKey();
      KeyStore ks = CachingOverServeTest.typed(f, CacheLimits.DEFAULT, Clock.systemUTC());
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, ks.getKey("us-east-1/alias/orders", null),
          new EncryptionContextParameterSpec(Map.of("purpose", "interop")));
      byte[] ct = c.doFinal("interop".getBytes(StandardCharsets.UTF_8));

      // Header walk (spec section 1): version, suite, log2, context, one EDK, salt, commitment.
      ByteBuffer h = ByteBuffer.wrap(ct);
      h.position(3);
      h.position(h.position() + 2 + (h.getShort(3) & 0xffff));
      assertEquals(1, h.getShort() & 0xffff);
      String providerId = new String(field(h), StandardCharsets.US_ASCII);
      String providerInfo = new String(field(h), StandardCharsets.US_ASCII);
      byte[] edk = field(h);
      byte[] salt = new byte[32];
      h.get(salt);
      int boundLength = h.position();
      byte[] commitment = new byte[32];
      h.get(commitment);
      assertEquals("aws-kms", providerId);
      assertEquals("arn:aws:kms:us-east-1:111122223333:key/" + id, providerInfo);

      Path blob = dir.resolve("edk.bin");
      Files.write(blob, edk);
      String replica = "arn:aws:kms:eu-west-1:111122223333:key/" + id;
      List<String> cmd = new ArrayList<>(List.of(aws, "kms", "decrypt", "--ciphertext-blob", "fileb://" + blob,
          "--key-id", replica, "--encryption-context", "purpose=interop", "--endpoint-url", f.url(EU).toString(),
          "--region", "eu-west-1", "--query", "Plaintext", "--output", "text"));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().put("AWS_ACCESS_KEY_ID", ServeFixture.ACCESS_KEY);
      pb.environment().put("AWS_SECRET_ACCESS_KEY", ServeFixture.SECRET);
      pb.environment().put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
      pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
      pb.environment().remove("AWS_PROFILE");
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "aws CLI did not finish");
      assertEquals(0, p.exitValue(), out);
      byte[] dataKey = Base64.getDecoder().decode(out);
      assertEquals(32, dataKey.length);
      assertEquals(1, f.calls(EU, "Decrypt"));
      assertEquals(0, f.calls(US, "Decrypt"));

      assertArrayEquals(commitment, commitment(dataKey, salt, Arrays.copyOf(ct, boundLength)),
          "the CLI's data key derives the header's commitment");
    }
  }

  private static byte[] field(ByteBuffer b) {
    byte[] f = new byte[b.getShort() & 0xffff];
    b.get(f);
    return f;
  }

  /** RFC 5869: OKM = Expand(Extract(salt, DK), label || 0 || H, 64); the commitment is OKM[32..64). */
  private static byte[] commitment(byte[] dk, byte[] salt, byte[] bound) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(salt, "HmacSHA256"));
    byte[] prk = mac.doFinal(dk);
    byte[] label = "MRK/v2 AES-256-GCM KMS envelope".getBytes(StandardCharsets.US_ASCII);
    mac.init(new SecretKeySpec(prk, "HmacSHA256"));
    mac.update(label);
    mac.update((byte) 0);
    mac.update(bound);
    byte[] t1 = mac.doFinal(new byte[] {1});
    mac.update(t1);
    mac.update(label);
    mac.update((byte) 0);
    mac.update(bound);
    return mac.doFinal(new byte[] {2});
  }
}
