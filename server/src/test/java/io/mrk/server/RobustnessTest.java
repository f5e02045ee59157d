package io.mrk.server;

import static io.mrk.server.ServerFixture.ADMIN_KEY;
import static io.mrk.server.ServerFixture.ADMIN_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.json.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and malformed requests: each answered with a JSON 400, and the server keeps serving. */
class RobustnessTest {

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
  void stillServingThenStop() throws Exception {
    RawHttp.Response ok = signed("ListKeys", "{}");
    assertEquals(200, ok.status(), "the server stopped serving: " + ok.body());
    f.close();
  }

  private RawHttp.Response signed(String operation, String body) throws Exception {
    return signed(operation, body.getBytes(StandardCharsets.UTF_8));
  }

  private RawHttp.Response signed(String operation, byte[] body) throws Exception {
    return RawHttp.post(us, RawHttp.signed(us, operation, body, ADMIN_KEY, ADMIN_SECRET, "us-east-1",
        Clock.systemUTC()), body);
  }

  /** A JSON 400 naming {@code type} in both the body and the header. */
  private static void assertJson400(RawHttp.Response r, String type) throws Exception {
    assertEquals(400, r.status(), r.body());
    assertEquals(type, r.header("x-amzn-ErrorType"), r.body());
    assertNotNull(r.header("x-amzn-RequestId"));
    assertEquals("application/x-amz-json-1.1", r.header("content-type"));
    assertEquals(type, ((Map<?, ?>) Json.parse(r.body())).get("__type"));
  }

  @Test
  void aTwoMebibyteBody() throws Exception {
    byte[] body = new byte[2 << 20];
    Arrays.fill(body, (byte) ' ');
    body[0] = '{';
    body[body.length - 1] = '}';
    RawHttp.Response r = RawHttp.post(us, RawHttp.unsigned("ListKeys"), body);
    assertJson400(r, "ValidationException");
    assertTrue(r.body().contains("larger than"), r.body());
  }

  @Test
  void aBodyThatIsNotJson() throws Exception {
    assertJson400(signed("ListKeys", "this is not json"), "SerializationException");
    assertJson400(signed("ListKeys", "[1, 2, 3]"), "SerializationException");
    assertJson400(signed("ListKeys", new byte[] {'{', '"', (byte) 0xC3, '"', '}'}), "SerializationException");
  }

  @Test
  void deepNesting() throws Exception {
    String deep = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    assertJson400(signed("ListKeys", deep), "SerializationException");
  }

  @Test
  void unknownAndUnsupportedTargets() throws Exception {
    assertJson400(signed("NoSuchOperation", "{}"), "UnknownOperationException");
    assertJson400(signed("Sign", "{}"), "UnsupportedOperationException");
    Map<String, String> headers = RawHttp.signed(us, "ListKeys", new byte[0], ADMIN_KEY, ADMIN_SECRET, "us-east-1",
        Clock.systemUTC());
    headers.remove("X-Amz-Target");
    assertJson400(RawHttp.post(us, headers, new byte[0]), "InvalidSignatureException");
  }

  @Test
  void anEmptyBodyReadsAsAnEmptyObjectAndUnknownMembersAreIgnored() throws Exception {
    assertEquals(200, signed("ListKeys", "").status());
    assertEquals(200, signed("ListKeys", "{\"SomeFutureMember\": {\"x\": [1, 2.5e3, null]}}").status());
  }

  @Test
  void validationFollowsTheModel() throws Exception {
    RawHttp.Response r = signed("DescribeKey", "{}");
    assertJson400(r, "ValidationException");
    assertTrue(r.body().contains("Value null at 'keyId' failed to satisfy constraint: Member must not be null"),
        r.body());
    r = signed("CreateKey", "{\"KeyUsage\": \"SIGN_EVERYTHING\", \"Description\": \"" + "d".repeat(9000) + "\"}");
    assertJson400(r, "ValidationException");
    assertTrue(r.body().startsWith("{\"__type\":\"ValidationException\",\"message\":\"2 validation errors detected:"),
        r.body());
    assertJson400(signed("ListKeys", "{\"Limit\": 1e999999999}"), "SerializationException");
    assertJson400(signed("ListKeys", "{\"Limit\": \"ten\"}"), "SerializationException");
    assertJson400(signed("Encrypt", "{\"KeyId\": \"k\", \"Plaintext\": \"%%%\"}"), "SerializationException");
    assertJson400(signed("ListAliases", "{\"Limit\": 101}"), "ValidationException");
    assertJson400(signed("ListKeys", "{\"Marker\": \"bm90LWEtbWFya2Vy\"}"), "InvalidMarkerException");
  }

  @Test
  void notPostSlash() throws Exception {
    RawHttp.Response r = RawHttp.post(us.resolve("/other"), RawHttp.unsigned("ListKeys"), new byte[0]);
    assertEquals(400, r.status());
  }
}
