package io.mrk.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Fuzz properties of the request path after the signature: whatever the bytes, parsing and model
 * validation either accept or refuse with a 400 {@link ServiceError}, never another exception.
 */
class RequestParsingProperties {

  private static final ModelConstraints MODEL = ModelConstraints.load();
  private static final List<String> OPERATIONS = List.of("CreateKey", "Encrypt", "Decrypt", "ListKeys",
      "CreateGrant", "ReplicateKey", "GenerateDataKey", "TagResource", "ListAliases", "ReEncrypt");

  @Property(tries = 400)
  void arbitraryBytesAreAcceptedOrRefusedWith400(@ForAll @Size(max = 300) byte[] body,
                                                 @ForAll("operations") String operation) {
    check(body, operation);
  }

  @Property(tries = 600)
  void jsonLikeTextIsAcceptedOrRefusedWith400(@ForAll("jsonish") String text, @ForAll("operations") String operation) {
    check(text.getBytes(StandardCharsets.UTF_8), operation);
  }

  private static void check(byte[] body, String operation) {
    try {
      Map<String, Object> input = RequestBody.parse(body);
      MODEL.validate(operation, input);
    } catch (ServiceError e) {
      assertEquals(400, e.status());
      assertTrue(e.type().endsWith("Exception"), e.type());
    }
  }

  @Provide
  Arbitrary<String> operations() {
    return Arbitraries.of(OPERATIONS);
  }

  /** Texts built from JSON's own pieces and the model's member names, so many parse and reach validation. */
  @Provide
  Arbitrary<String> jsonish() {
    Arbitrary<String> piece = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"KeyId\"", "\"Limit\"", "\"Tags\"",
        "\"Plaintext\"", "\"EncryptionContext\"", "\"TagKey\"", "\"Constraints\"", "\"a\"", "\"\"", "1", "-1",
        "1e400", "0.5", "true", "null", "\"AAAA\"", "\"%%\"", "\"\\u0000\"", "\"\\ud800\"", "10000000000000000000000");
    return piece.list().ofMaxSize(40).map(l -> "{" + String.join("", l) + "}");
  }
}
