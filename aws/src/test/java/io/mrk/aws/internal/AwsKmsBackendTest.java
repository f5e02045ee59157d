package io.mrk.aws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.aws.AwsKmsLoadStoreParameter;
import io.mrk.aws.CacheLimits;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Descriptors and parameters are checked before any KMS call: every mistake names itself. */
class AwsKmsBackendTest {

  private static Properties descriptor(String text) throws IOException {
    Properties p = new Properties();
    p.load(new StringReader("mrk.keystore=aws-kms\n" + text));
    return p;
  }

  private static String refusal(String text) throws IOException {
    Properties d = descriptor(text);
    return assertThrows(IOException.class, () -> new AwsKmsBackend().open(d)).getMessage();
  }

  @Test
  void descriptorMistakesAreRefusedByName() throws IOException {
    assertTrue(refusal("").contains("needs regions="));
    assertTrue(refusal("regions=us-east-1,US_EAST\n").contains("'US_EAST' is not a Region code"));
    assertTrue(refusal("regions=us-east-1,us-east-1\n").contains("listed twice"));
    assertTrue(refusal("regions=us-east-1\nendpoint.eu-west-1=http://127.0.0.1:1\n").contains("not among its regions"));
    assertTrue(refusal("regions=us-east-1\nendpoint.us-east-1=ftp://x\n").contains("http or https"));
    assertTrue(refusal("regions=us-east-1\ncache.maxMesages=3\n").contains("Unknown property 'cache.maxMesages'"));
    assertTrue(refusal("regions=us-east-1\ncache.maxAge=5m\n").contains("ISO-8601"));
    assertTrue(refusal("regions=us-east-1\ncache.maxMessages=0\n").contains("maxMessages must be 1.."));
    assertTrue(refusal("regions=us-east-1\ncache.maxAge=P2D\n").contains("at most"));
  }

  @Test
  void cacheLimitsHaveDefaultsAndBounds() throws IOException {
    CacheLimits c = CacheLimits.fromProperties(descriptor("cache.maxAge=PT1M\ncache.maxMessages=3\n"));
    assertEquals(Duration.ofMinutes(1), c.maxAge());
    assertEquals(3, c.maxMessages());
    assertEquals(CacheLimits.MAX_BYTES_BOUND, c.maxBytes());
    assertEquals(Duration.ofMinutes(5), CacheLimits.DEFAULT.maxAge());
    assertThrows(IllegalArgumentException.class, () -> CacheLimits.DEFAULT.withMaxBytes(CacheLimits.MAX_BYTES_BOUND + 1));
    assertThrows(IllegalArgumentException.class, () -> CacheLimits.DEFAULT.withMaxEntries(0));
    assertThrows(IllegalArgumentException.class, () -> CacheLimits.DEFAULT.withMaxAge(Duration.ZERO));
  }

  @Test
  void typedParametersRefuseContradictions() {
    assertThrows(IllegalArgumentException.class, () -> AwsKmsLoadStoreParameter.builder().build());
    assertThrows(IllegalArgumentException.class, () -> AwsKmsLoadStoreParameter.builder().regions("us-east-1")
        .endpoint("eu-west-1", URI.create("http://127.0.0.1:1")).build());
    assertThrows(IllegalArgumentException.class, () -> AwsKmsLoadStoreParameter.builder().regions("us-east-1")
        .clients(r -> null).endpoint("us-east-1", URI.create("http://127.0.0.1:1")).build());
    assertTrue(new AwsKmsBackend().accepts(AwsKmsLoadStoreParameter.builder().regions("us-east-1").build()));
  }
}
