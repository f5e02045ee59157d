package io.mrk.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mrk.kms.Region;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The verifier against AWS's own worked example of Signature Version 4 (the IAM ListUsers request
 * of the "Create a signed AWS API request" guide, credential AKIDEXAMPLE, 2015-08-30T12:36:00Z),
 * independent of any SDK's signer.
 */
class SigV4VerifierTest {

  static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  static final String SIGNATURE = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
  static final Clock AT_SIGNING = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);

  private static SigV4Verifier.SignedRequest example(String signature) {
    Map<String, List<String>> headers = new HashMap<>();
    headers.put("content-type", List.of("application/x-www-form-urlencoded; charset=utf-8"));
    headers.put("host", List.of("iam.amazonaws.com"));
    headers.put("x-amz-date", List.of("20150830T123600Z"));
    headers.put("authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request,"
        + " SignedHeaders=content-type;host;x-amz-date, Signature=" + signature));
    return new SigV4Verifier.SignedRequest("GET", "/", "Action=ListUsers&Version=2010-05-08", headers, new byte[0]);
  }

  private static SigV4Verifier verifier(Clock clock) {
    return new SigV4Verifier(new Region("us-east-1"), "iam",
        Credentials.of(List.<String[]>of(new String[] {"AKIDEXAMPLE", SECRET, "arn:aws:iam::123456789012:user/example"})),
        clock);
  }

  @Test
  void awsWorkedExampleVerifies() throws Exception {
    Caller caller = verifier(AT_SIGNING).verify(example(SIGNATURE));
    assertEquals("AKIDEXAMPLE", caller.accessKeyId());
    assertEquals("arn:aws:iam::123456789012:user/example", caller.principal());
  }

  @Test
  void theCanonicalRequestIsTheGuides() {
    assertEquals("""
        GET
        /
        Action=ListUsers&Version=2010-05-08
        content-type:application/x-www-form-urlencoded; charset=utf-8
        host:iam.amazonaws.com
        x-amz-date:20150830T123600Z

        content-type;host;x-amz-date
        e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""",
        SigV4Verifier.canonicalRequest(example(SIGNATURE), List.of("content-type", "host", "x-amz-date"),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
  }

  @Test
  void everyFlippedSignatureDigitIsRefused() {
    for (int i = 0; i < SIGNATURE.length(); i++) {
      char c = SIGNATURE.charAt(i);
      String flipped = SIGNATURE.substring(0, i) + (c == '0' ? '1' : '0') + SIGNATURE.substring(i + 1);
      ServiceError e = assertThrows(ServiceError.class, () -> verifier(AT_SIGNING).verify(example(flipped)));
      assertEquals("InvalidSignatureException", e.type());
    }
  }

  @Test
  void theFifteenMinuteWindowIsInclusiveAndNoWider() throws Exception {
    Instant signed = Instant.parse("2015-08-30T12:36:00Z");
    verifier(Clock.fixed(signed.plusSeconds(15 * 60), ZoneOffset.UTC)).verify(example(SIGNATURE));
    verifier(Clock.fixed(signed.minusSeconds(15 * 60), ZoneOffset.UTC)).verify(example(SIGNATURE));
    assertEquals("InvalidSignatureException", assertThrows(ServiceError.class, () ->
        verifier(Clock.fixed(signed.plusSeconds(15 * 60 + 1), ZoneOffset.UTC)).verify(example(SIGNATURE))).type());
    assertEquals("InvalidSignatureException", assertThrows(ServiceError.class, () ->
        verifier(Clock.fixed(signed.minusSeconds(15 * 60 + 1), ZoneOffset.UTC)).verify(example(SIGNATURE))).type());
  }

  @Test
  void theServiceOfTheScopeMustBeTheListeners() {
    SigV4Verifier kms = new SigV4Verifier(new Region("us-east-1"),
        Credentials.of(List.<String[]>of(new String[] {"AKIDEXAMPLE", SECRET, "arn:aws:iam::123456789012:root"})),
        AT_SIGNING);
    ServiceError e = assertThrows(ServiceError.class, () -> kms.verify(example(SIGNATURE)));
    assertEquals("InvalidSignatureException", e.type());
    assertEquals("Credential should be scoped to correct service: 'kms'. ", e.getMessage());
  }
}
