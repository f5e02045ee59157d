package io.mrk.server;

import static io.mrk.server.ServerFixture.ADMIN_KEY;
import static io.mrk.server.ServerFixture.ADMIN_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SigV4 refusals, each with AWS's error name and status 400; requests signed by the SDK's signer. */
class SigV4VerificationTest {

  private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path dir;

  private ServerFixture f;
  private URI us;

  @BeforeEach
  void start() throws Exception {
    f = ServerFixture.serve(dir);
    us = f.url(ServerFixture.US_EAST_1);
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  private RawHttp.Response send(Map<String, String> headers, byte[] body) throws Exception {
    RawHttp.Response r = RawHttp.post(us, headers, body);
    assertNotNull(r.header("x-amzn-RequestId"));
    return r;
  }

  private static void assertRefused(RawHttp.Response r, String type, String messagePart) {
    assertEquals(400, r.status(), r.body());
    assertEquals(type, r.header("x-amzn-ErrorType"), r.body());
    assertTrue(r.body().contains("\"__type\":\"" + type + "\""), r.body());
    assertTrue(r.body().contains(messagePart), r.body());
  }

  @Test
  void aCorrectSignatureIsAccepted() throws Exception {
    RawHttp.Response r = send(RawHttp.signed(us, "ListKeys", BODY, ADMIN_KEY, ADMIN_SECRET, "us-east-1",
        Clock.systemUTC()), BODY);
    assertEquals(200, r.status(), r.body());
    assertEquals("application/x-amz-json-1.1", r.header("content-type"));
  }

  @Test
  void wrongSecret() throws Exception {
    assertRefused(send(RawHttp.signed(us, "ListKeys", BODY, ADMIN_KEY, "not-the-secret", "us-east-1",
        Clock.systemUTC()), BODY), "InvalidSignatureException", "does not match the signature you provided");
  }

  @Test
  void unknownAccessKey() throws Exception {
    assertRefused(send(RawHttp.signed(us, "ListKeys", BODY, "AKIAUNKNOWN000000000", ADMIN_SECRET, "us-east-1",
        Clock.systemUTC()), BODY), "UnrecognizedClientException", "security token included in the request is invalid");
  }

  @Test
  void scopeRegionOtherThanTheListeners() throws Exception {
    assertRefused(send(RawHttp.signed(us, "ListKeys", BODY, ADMIN_KEY, ADMIN_SECRET, "eu-west-1",
        Clock.systemUTC()), BODY), "InvalidSignatureException", "not 'eu-west-1'");
  }

  @Test
  void sixteenMinuteOldDate() throws Exception {
    Clock old = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-16));
    assertRefused(send(RawHttp.signed(us, "ListKeys", BODY, ADMIN_KEY, ADMIN_SECRET, "us-east-1", old), BODY),
        "InvalidSignatureException", "Signature expired");
  }

  @Test
  void fourteenMinuteOldDateIsStillAccepted() throws Exception {
    Clock old = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-14));
    assertEquals(200, send(RawHttp.signed(us, "ListKeys", BODY, ADMIN_KEY, ADMIN_SECRET, "us-east-1", old), BODY)
        .status());
  }

  @Test
  void bodyChangedAfterSigning() throws Exception {
    byte[] signedBody = "{\"Limit\":1}".getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = RawHttp.signed(us, "ListKeys", signedBody, ADMIN_KEY, ADMIN_SECRET, "us-east-1",
        Clock.systemUTC());
    // botocore sends no x-amz-content-sha256: the signature itself must catch the change.
    headers.keySet().removeIf(k -> k.equalsIgnoreCase("x-amz-content-sha256"));
    byte[] changed = "{\"Limit\":2}".getBytes(StandardCharsets.UTF_8);
    assertRefused(send(headers, changed), "InvalidSignatureException", "does not match the signature you provided");
  }

  @Test
  void bodyChangedAfterSigningWithTheContentHashHeader() throws Exception {
    byte[] signedBody = "{\"Limit\":1}".getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = RawHttp.signed(us, "ListKeys", signedBody, ADMIN_KEY, ADMIN_SECRET, "us-east-1",
        Clock.systemUTC());
    assertTrue(headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("x-amz-content-sha256")));
    byte[] changed = "{\"Limit\":2}".getBytes(StandardCharsets.UTF_8);
    assertRefused(send(headers, changed), "InvalidSignatureException", "x-amz-content-sha256");
  }

  @Test
  void contentHashHeaderThatIsNotTheBodys() throws Exception {
    byte[] signedBody = "{\"Limit\":1}".getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = RawHttp.signed(us, "ListKeys", signedBody, ADMIN_KEY, ADMIN_SECRET, "us-east-1",
        Clock.systemUTC());
    headers.put("x-amz-content-sha256", "0".repeat(64));
    assertRefused(send(headers, signedBody), "InvalidSignatureException", "x-amz-content-sha256");
  }

  @Test
  void noAuthorizationHeader() throws Exception {
    assertRefused(send(RawHttp.unsigned("ListKeys"), BODY), "MissingAuthenticationTokenException",
        "Missing Authentication Token");
  }

  @Test
  void aMalformedAuthorizationHeader() throws Exception {
    Map<String, String> headers = RawHttp.unsigned("ListKeys");
    headers.put("Authorization", "AWS4-HMAC-SHA256 Credential=x");
    assertRefused(send(headers, BODY), "IncompleteSignatureException", "Credential");
  }
}
